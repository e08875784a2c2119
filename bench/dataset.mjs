// The benchmark's scale dataset, written with SQL (INSERT … SELECT over generate_series) on top of
// the demo data: seconds, not minutes. Each commune of the plan gets generated citizens (with their
// holder in the household), requests spread over five years with the statuses such an age gives
// (old ones decided, recent ones open), their timeline, and invoices. The demo citizen
// lucie.bernard owns a realistic number of them in each commune, so that « Mes demandes » reads
// the same page size everywhere. Deterministic: the same plan gives the same rows.

/** The communes of the demo (prisma/seed.ts) and what each gets. */
export function planOf(scale = 1) {
  const n = (x) => Math.max(1, Math.round(x * scale));
  return [
    { slug: "beaucouze", role: "grande", accounts: n(100_000), requests: n(880_000), citizenRequests: 45 },
    { slug: "sete", role: "autre", accounts: n(5_000), requests: n(55_000), citizenRequests: 0 },
    { slug: "illkirch", role: "autre", accounts: n(5_000), requests: n(55_000), citizenRequests: 0 },
    { slug: "saint-andre", role: "petite", accounts: n(1_000), requests: n(10_000), citizenRequests: 45 },
  ];
}

/** The identifiant of the citizen whose pages are measured (a demo account of every commune). */
export const MEASURED_CITIZEN = "lucie.bernard";
/** The tables loaded in bulk. */
const BULK_TABLES = ["Account", "HouseholdMember", "Request", "RequestEvent", "Invoice"];
/** Over how many years the requests were sent. */
const YEARS = 5;

const FIRST = ["Camille", "Louis", "Emma", "Gabriel", "Jade", "Raphaël", "Louise", "Arthur", "Alice", "Jules", "Chloé", "Adam", "Lina", "Hugo", "Léna", "Paul", "Manon", "Nathan", "Inès", "Lucas", "Sarah", "Théo", "Julie", "Martin", "Anne", "Pierre", "Marie", "Jean", "Claire", "Michel"];
const LAST = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André"];
const sqlArray = (list) => `ARRAY[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(",")}]`;

/** Small answers that the form version would accept: one value per field, pieces « sur papier ». */
export function sampleAnswers(definition) {
  const answers = {};
  for (const step of definition?.steps ?? []) {
    for (const field of step.fields ?? []) {
      switch (field.type) {
        case "text": if (field.required || !field.pattern) answers[field.name] = "Dupont"; break; // an optional pattern is left empty
        case "textarea": answers[field.name] = "Merci de votre aide."; break;
        case "email": answers[field.name] = "contact@exemple.fr"; break;
        case "phone": answers[field.name] = "0612345678"; break;
        case "number": answers[field.name] = field.min ?? 1; break;
        case "date": answers[field.name] = sampleDay(field.min, field.max); break;
        case "choice": answers[field.name] = field.options?.[0]?.value; break;
        case "multi": answers[field.name] = field.options?.slice(0, 1).map((o) => o.value) ?? []; break;
        case "yesno": answers[field.name] = false; break;
        case "address": answers[field.name] = { line1: "12 rue des Écoles", line2: "", postalCode: "49070", city: "Beaucouzé" }; break;
        case "file": answers[field.name] = { kind: "paper" }; break;
        default: break; // info paragraphs; members are set per request
      }
    }
  }
  return answers;
}

/** A day between the field's bounds (« today+7 », « 2026-01-01 »): 2020-05-14 when it has none. */
function sampleDay(min, max) {
  const day = (bound) => {
    const relative = /^today([+-]\d+)?$/.exec(bound ?? "");
    if (!relative) return bound ?? null;
    return new Date(Date.now() + Number(relative[1] ?? 0) * 86_400_000).toISOString().slice(0, 10);
  };
  const [low, high] = [day(min), day(max)];
  if (!low) return high && high < "2020-05-14" ? high : "2020-05-14";
  // A day after the lower bound (the server counts days in France, a few hours from UTC), within the upper one.
  const next = new Date(Date.parse(`${low}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return high && next > high ? low : next;
}

/**
 * Writes the plan's rows with `client` (a connected pg.Client on the migrated, seeded database) and
 * returns what was written, per commune. `log` gets one line per step.
 */
export async function seedScale(db, plan, log = () => {}) {
  // BENCH_VERBOSE=1: the time of each statement, to see where the seconds go.
  const client = process.env.BENCH_VERBOSE === "1"
    ? { query: async (sql, params) => { const t = Date.now(); const r = await db.query(sql, params); log(`    ${Date.now() - t} ms  ${sql.trim().slice(0, 70).replace(/\s+/g, " ")}`); return r; } }
    : db;
  await client.query("SET TIME ZONE 'UTC'");
  await client.query("SELECT setseed(0.2026)");
  // A bulk load: the secondary indexes are built once at the end rather than row by row, and the
  // foreign keys, right by construction, are not checked row by row (replica mode skips their triggers).
  const indexes = (await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  )).rows;
  for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
  await client.query("SET session_replication_role = replica");
  const sizes = [];
  for (const commune of plan) {
    const started = Date.now();
    const tenant = (await client.query(`SELECT id, code FROM "Tenant" WHERE slug = $1`, [commune.slug])).rows[0];
    if (!tenant) throw new Error(`Commune de démonstration introuvable : ${commune.slug}`);
    const citizen = (await client.query(`SELECT id, "passwordHash", "securityAnswerHash" FROM "Account" WHERE "tenantId" = $1 AND identifiant = $2`, [tenant.id, MEASURED_CITIZEN])).rows[0];
    const child = (await client.query(`SELECT id FROM "HouseholdMember" WHERE "accountId" = $1 AND kind = 'ENFANT' ORDER BY "birthDate" LIMIT 1`, [citizen.id])).rows[0];
    const agents = (await client.query(`SELECT id FROM "Agent" WHERE "tenantId" = $1 ORDER BY email`, [tenant.id])).rows.map((r) => r.id);

    // The published form of each démarche, with answers it accepts.
    const forms = (await client.query(
      `SELECT p.id AS procedure_id, v.id AS version_id, p."requiresAccount" AS requires_account, p."concernsMember" AS concerns_member,
              p."processingDays" AS days, v.definition
         FROM "Procedure" p JOIN LATERAL (SELECT id, definition FROM "ProcedureVersion" WHERE "procedureId" = p.id ORDER BY number DESC LIMIT 1) v ON true
        WHERE p."tenantId" = $1 AND p.published ORDER BY p.position, p.id`,
      [tenant.id],
    )).rows;
    await client.query(`DROP TABLE IF EXISTS bench_form; CREATE TEMP TABLE bench_form (k int, procedure_id text, version_id text, requires_account boolean, concerns_member boolean, days int, answers jsonb, member_field text)`);
    for (const [k, f] of forms.entries()) {
      const memberField = f.definition.steps.flatMap((s) => s.fields).find((x) => x.type === "member")?.name ?? null;
      await client.query(`INSERT INTO bench_form VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [k, f.procedure_id, f.version_id, f.requires_account, f.concerns_member, f.days, JSON.stringify(sampleAnswers(f.definition)), memberField]);
    }
    const withAccount = forms.filter((f) => f.requires_account).length;
    const p = { tenant: tenant.id, code: tenant.code, slug: commune.slug };

    // Citizens: ids derived from the commune and a rank, so requests can name them without a join.
    const accountId = (expr) => `md5('${p.slug}:account:' || (${expr}))::uuid::text`;
    await client.query(
      `INSERT INTO "Account" (id, "tenantId", identifiant, "identifiantKey", status, "statusChangedAt", civility, "firstNames", "birthName", "birthDate", "birthPlace",
         "addressLine1", "postalCode", city, email, "emailConfirmedAt", mobile, channel, "passwordHash", "securityQuestion", "securityAnswerHash", "createdAt", "updatedAt")
       SELECT ${accountId("i")}, $1, lower(f) || '.' || lower(l) || i, lower(f) || '.' || lower(l) || i,
              (CASE WHEN i % 50 = 0 THEN 'REFUSE' WHEN i % 33 = 0 THEN 'EN_ATTENTE' ELSE 'VALIDE' END)::"AccountStatus", created + interval '2 days',
              CASE WHEN i % 2 = 0 THEN 'Madame' ELSE 'Monsieur' END, f, l, date '1950-01-01' + (i * 37 % 20000), 'Angers',
              (i % 180 + 1) || ' rue des Tilleuls', '49070', 'Beaucouzé', 'citoyen' || i || '@exemple.fr', created, '0612345678', 'EMAIL'::"ContactChannel",
              $2, 'Quel est le nom de votre premier animal de compagnie ?', $3, created, created
         FROM generate_series(1, $4::int) i,
              LATERAL (SELECT (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] AS f, (${sqlArray(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}] AS l,
                              (now() AT TIME ZONE 'UTC') - make_interval(days => ${YEARS * 365 + 200} - (i::bigint * ${YEARS * 365} / $4::int)::int) AS created) x`,
      [p.tenant, citizen.passwordHash, citizen.securityAnswerHash, commune.accounts],
    );
    await client.query(
      `INSERT INTO "HouseholdMember" (id, "tenantId", "accountId", kind, relation, "firstNames", "lastName", "birthDate", sex, "createdAt")
       SELECT md5('${p.slug}:member:' || a.id)::uuid::text, a."tenantId", a.id, 'ADULTE', 'TITULAIRE', a."firstNames", a."birthName", a."birthDate",
              CASE WHEN a.civility = 'Madame' THEN 'F' ELSE 'M' END, a."createdAt"
         FROM "Account" a WHERE a."tenantId" = $1 AND a.email LIKE 'citoyen%@exemple.fr'`,
      [p.tenant],
    );

    // Requests: sent ones in the order of their numbers, over the years; a few drafts of the last weeks.
    const drafts = Math.round(commune.requests * 0.03);
    const sent = commune.requests - drafts;
    const stride = commune.citizenRequests ? Math.floor(sent / commune.citizenRequests) : 0;
    await client.query("DROP TABLE IF EXISTS bench_request");
    await client.query(`CREATE TEMP TABLE bench_request AS
      SELECT g, at, form.procedure_id, form.version_id, greatest(form.days, 1) AS days, form.concerns_member, form.member_field, form.answers, form.requires_account,
             CASE WHEN $5::int > 0 AND g % $5::int = 0 AND g / $5::int <= $6::int THEN $7 WHEN form.requires_account OR g % 3 = 0 THEN ${accountId("1 + (g::bigint * 7919) % $4::int")} END AS account_id,
             CASE WHEN $5::int > 0 AND g % $5::int = 0 AND g / $5::int <= $6::int THEN true ELSE false END AS measured,
             r
        FROM generate_series(1, $1::int) g,
             LATERAL (SELECT (now() AT TIME ZONE 'UTC') - interval '${YEARS} years' + (g - 1 + random() * 0.9) * (interval '${YEARS} years' - interval '1 hour') / $1::int AS at, random() AS r) t,
             LATERAL (SELECT * FROM bench_form WHERE k = CASE WHEN $5::int > 0 AND g % $5::int = 0 AND g / $5::int <= $6::int
                        THEN (SELECT k FROM bench_form WHERE requires_account ORDER BY k OFFSET (g / $5::int) % $3::int LIMIT 1)
                        ELSE (g * 31 + (g / 97)) % $2::int END) form`,
      [sent, forms.length, withAccount, commune.accounts, stride, commune.citizenRequests, citizen.id]);
    // Age decides the status: decided after a while, open in the last weeks.
    await client.query(`
      INSERT INTO "Request" (id, "tenantId", "procedureId", "versionId", "accountId", "memberId", numero, status, answers, version, "submittedAt", "dueAt",
                             "assignedAgentId", "trackingHash", "closedAt", "createdAt", "updatedAt")
      SELECT md5('${p.slug}:request:' || g)::uuid::text, $1, procedure_id, version_id, account_id, member_id,
             $2 || '-' || extract(year FROM at)::int || '-' || lpad((row_number() OVER (PARTITION BY extract(year FROM at) ORDER BY g))::text, 6, '0'),
             status, CASE WHEN member_id IS NOT NULL AND member_field IS NOT NULL THEN jsonb_set(answers, ARRAY[member_field], to_jsonb(member_id)) ELSE answers END,
             CASE WHEN status = 'DEPOSEE' THEN 1 WHEN status IN ('EN_COURS', 'INCOMPLETE') THEN 2 ELSE 3 END,
             at, at + make_interval(days => days),
             CASE WHEN status <> 'DEPOSEE' AND r < 0.9 THEN ($3::text[])[1 + g % cardinality($3::text[])] END,
             CASE WHEN account_id IS NULL THEN md5('${p.slug}:tracking:' || g) END,
             CASE WHEN status IN ('ACCEPTEE', 'REFUSEE', 'SANS_SUITE') THEN at + make_interval(days => 1 + (g % (2 * days))) END,
             at - interval '20 minutes',
             CASE WHEN status IN ('ACCEPTEE', 'REFUSEE', 'SANS_SUITE') THEN at + make_interval(days => 1 + (g % (2 * days))) ELSE at + interval '1 day' END
        FROM (SELECT b.*,
                     CASE WHEN concerns_member THEN CASE WHEN measured THEN $4::text ELSE md5('${p.slug}:member:' || account_id)::uuid::text END END AS member_id,
                     (CASE
                        WHEN at < (now() AT TIME ZONE 'UTC') - make_interval(days => 3 * days) THEN
                          CASE WHEN r < 0.82 THEN 'ACCEPTEE' WHEN r < 0.92 THEN 'REFUSEE' ELSE 'SANS_SUITE' END
                        ELSE CASE WHEN r < 0.25 THEN 'DEPOSEE' WHEN r < 0.55 THEN 'EN_COURS' WHEN r < 0.65 THEN 'INCOMPLETE' WHEN r < 0.75 THEN 'COMPLETE'
                                  WHEN r < 0.92 THEN 'ACCEPTEE' WHEN r < 0.97 THEN 'REFUSEE' ELSE 'SANS_SUITE' END
                      END)::"RequestStatus" AS status
                FROM bench_request b) s`,
      [p.tenant, p.code, agents, child?.id ?? null]);
    await client.query(`
      INSERT INTO "Request" (id, "tenantId", "procedureId", "versionId", "accountId", status, answers, "createdAt", "updatedAt")
      SELECT md5('${p.slug}:draft:' || g)::uuid::text, $1, form.procedure_id, form.version_id, ${accountId("1 + (g::bigint * 104729) % $3::int")},
             'BROUILLON', '{}', now() AT TIME ZONE 'UTC' - make_interval(mins => g % 80000), now() AT TIME ZONE 'UTC' - make_interval(mins => g % 40000)
        FROM generate_series(1, $2::int) g, LATERAL (SELECT * FROM bench_form WHERE requires_account ORDER BY k OFFSET g % $4::int LIMIT 1) form`,
      [p.tenant, drafts, commune.accounts, withAccount]);
    // The counters continue after the numbers given.
    await client.query(`
      INSERT INTO "RequestCounter" ("tenantId", year, value)
      SELECT $1, split_part(numero, '-', 2)::int, max(split_part(numero, '-', 3)::int) FROM "Request" WHERE "tenantId" = $1 AND numero IS NOT NULL GROUP BY 2
      ON CONFLICT ("tenantId", year) DO UPDATE SET value = GREATEST("RequestCounter".value, EXCLUDED.value)`, [p.tenant]);

    // The timeline: the sending, then the change that gave the current status.
    await client.query(`
      INSERT INTO "RequestEvent" (id, "requestId", "actorKind", "actorId", "fromStatus", "toStatus", "publicMessage", "createdAt")
      SELECT md5(id || ':sent')::uuid::text, id, CASE WHEN "accountId" IS NULL THEN 'SYSTEME' ELSE 'CITOYEN' END::"ActorKind", "accountId", 'BROUILLON', 'DEPOSEE', NULL, "submittedAt"
        FROM "Request" WHERE "tenantId" = $1 AND status <> 'BROUILLON'
      UNION ALL
      SELECT md5(id || ':status')::uuid::text, id, 'AGENT', "assignedAgentId", CASE WHEN status = 'EN_COURS' THEN 'DEPOSEE' ELSE 'EN_COURS' END::"RequestStatus", status,
             CASE status WHEN 'INCOMPLETE' THEN 'Merci de joindre un justificatif de domicile de moins de trois mois.'
                         WHEN 'REFUSEE' THEN 'Les pièces fournies ne permettent pas de donner suite.'
                         WHEN 'SANS_SUITE' THEN 'Retirée par le demandeur' END,
             COALESCE("closedAt", "updatedAt")
        FROM "Request" WHERE "tenantId" = $1 AND status NOT IN ('BROUILLON', 'DEPOSEE')`, [p.tenant]);

    // Invoices: a household in four is billed every month of the last year (Régie Ville), paid but the last ones.
    const regie = (await client.query(`SELECT id FROM "Regie" WHERE "tenantId" = $1 ORDER BY position LIMIT 1`, [p.tenant])).rows[0];
    await client.query(`
      INSERT INTO "Invoice" (id, "tenantId", "regieId", "accountId", number, domain, label, period, "amountCents", "issuedAt", "dueAt", status, "paidAt", "paidVia", "updatedAt")
      SELECT md5('${p.slug}:invoice:' || i || ':' || m)::uuid::text, $1, $2, ${accountId("i")}, 'F' || lpad(i::text, 7, '0') || '-' || lpad(m::text, 2, '0'),
             'PERISCOLAIRE', 'Accueil périscolaire', to_char(issued, 'MM/YYYY'), 1500 + (i * 7 + m * 13) % 9000, issued, issued + interval '30 days',
             (CASE WHEN m <= 2 THEN 'A_PAYER' ELSE 'PAYEE' END)::"InvoiceStatus", CASE WHEN m > 2 THEN issued + interval '12 days' END,
             (CASE WHEN m > 2 THEN 'EN_LIGNE' END)::"PaidVia", issued
        FROM generate_series(4, $3::int, 4) i, generate_series(1, 12) m,
             LATERAL (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => m - 1) AS issued) t`,
      [p.tenant, regie.id, commune.accounts]);

    const counts = (await client.query(`
      SELECT (SELECT count(*) FROM "Account" WHERE "tenantId" = $1)::int AS accounts,
             (SELECT count(*) FROM "Request" WHERE "tenantId" = $1)::int AS requests,
             (SELECT count(*) FROM "Request" WHERE "tenantId" = $1 AND "accountId" = $2 AND status <> 'BROUILLON')::int AS "citizenRequests",
             (SELECT count(*) FROM "RequestEvent" e JOIN "Request" r ON r.id = e."requestId" WHERE r."tenantId" = $1)::int AS events,
             (SELECT count(*) FROM "Invoice" WHERE "tenantId" = $1)::int AS invoices`, [p.tenant, citizen.id])).rows[0];
    sizes.push({ commune: commune.slug, role: commune.role, ...counts });
    log(`  ${commune.slug.padEnd(12)} ${String(counts.accounts).padStart(7)} comptes ${String(counts.requests).padStart(8)} demandes ${String(counts.events).padStart(8)} événements ${String(counts.invoices).padStart(7)} factures  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await client.query("DROP TABLE IF EXISTS bench_form; DROP TABLE IF EXISTS bench_request");
  await client.query("SET session_replication_role = DEFAULT");
  const t = Date.now();
  for (const { indexdef } of indexes) await client.query(indexdef);
  log(`  index reconstruits (${indexes.length}) en ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return sizes;
}
