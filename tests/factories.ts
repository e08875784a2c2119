// Builders of valid rows, shared by the tests and prisma/seed.ts. Each returns what it created.
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { validateDefinition } from "@/lib/procedures/definition";
import { resolveHost } from "@/lib/tenancy/resolve";

let sequence = 0;
const next = () => ++sequence;

/** Three letters unique within this process: AAA, AAB, … (request numbers use them). */
function nextCode(n: number) {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return [Math.floor(n / 676) % 26, Math.floor(n / 26) % 26, n % 26].map((i) => letters[i]).join("");
}

export type TenantInput = {
  slug?: string;
  name?: string;
  officialName?: string;
  code?: string;
  hosts?: string[]; // the first is canonical
  contactEmail?: string;
  contactPhone?: string;
  contactAddress?: string;
  primaryColor?: string;
  accentColor?: string;
  logoUrl?: string | null;
  welcomeText?: string;
  legalNotice?: string;
  privacyPolicy?: string;
  accessibilityText?: string;
  termsOfUse?: string;
  settings?: object;
  faq?: { section: string; question: string; answer: string }[];
};

export async function createTenant(input: TenantInput = {}) {
  const n = next();
  const slug = input.slug ?? `commune-${n}-${process.pid}`;
  const name = input.name ?? `Commune ${n}`;
  const hosts = input.hosts ?? [`${slug}.localhost`];
  return db.tenant.create({
    data: {
      slug,
      name,
      officialName: input.officialName ?? `Mairie de ${name}`,
      code: input.code ?? nextCode(n),
      contactEmail: input.contactEmail ?? `contact@${slug}.localhost`,
      contactPhone: input.contactPhone ?? "01 00 00 00 00",
      contactAddress: input.contactAddress ?? "1 place de la Mairie\n00000 Commune",
      primaryColor: input.primaryColor ?? "#1d4ed8",
      accentColor: input.accentColor ?? "#1e3a8a",
      logoUrl: input.logoUrl ?? null,
      welcomeText: input.welcomeText ?? `Les démarches en ligne de ${name}.`,
      legalNotice: input.legalNotice ?? `## Éditeur\n\nMairie de ${name}.`,
      privacyPolicy: input.privacyPolicy ?? `## Responsable du traitement\n\nMairie de ${name}.`,
      accessibilityText: input.accessibilityText ?? "## État de conformité\n\nPartiellement conforme.",
      termsOfUse: input.termsOfUse ?? `## Objet\n\nLe Compte Citoyen de ${name} permet de faire ses démarches en ligne.`,
      settings: input.settings ?? {},
      hosts: { create: hosts.map((hostname, i) => ({ hostname, canonical: i === 0 })) },
      faqEntries: {
        create: (input.faq ?? []).map((entry, position) => ({ ...entry, position })),
      },
    },
    select: { id: true, slug: true, name: true, code: true },
  });
}

export type MessageInput = Partial<{
  channel: "EMAIL" | "SMS";
  recipient: string;
  subject: string;
  text: string;
  status: "EN_ATTENTE" | "ENVOYE" | "ECHEC";
  createdAt: Date;
  nextAttemptAt: Date;
  accountId: string | null;
}>;

/** A message already rendered in the outbox (queueMessage is the way the product writes them). */
export async function createMessage(tenant: { id: string }, input: MessageInput = {}) {
  const n = next();
  return db.message.create({
    data: {
      tenantId: tenant.id,
      channel: input.channel ?? "EMAIL",
      recipient: input.recipient ?? `personne${n}@exemple.fr`,
      template: "essai",
      senderName: "Mairie de Commune",
      subject: input.subject ?? `Message ${n}`,
      text: input.text ?? `Texte ${n}`,
      status: input.status ?? "EN_ATTENTE",
      idempotencyKey: `test-${process.pid}-${n}`,
      accountId: input.accountId ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      ...(input.nextAttemptAt ? { nextAttemptAt: input.nextAttemptAt } : {}),
    },
    select: { id: true, idempotencyKey: true },
  });
}

/** The commune as pages see it (branding, canonical host), for domain functions that take a Tenant. */
export async function createFullTenant(input: TenantInput = {}) {
  const created = await createTenant(input);
  const resolution = await resolveHost((input.hosts ?? [`${created.slug}.localhost`])[0]!);
  if (resolution.kind !== "tenant") throw new Error("tenant not found");
  return resolution.tenant;
}

export type AccountInput = Partial<{
  firstNames: string;
  birthName: string;
  identifiant: string;
  email: string;
  mobile: string | null;
  channel: "EMAIL" | "SMS" | "TELEPHONE";
  status: "EN_ATTENTE" | "VALIDE" | "REFUSE";
  password: string;
  securityQuestion: string;
  securityAnswer: string;
  children: { firstNames: string; birthDate: string; sex: "F" | "M" }[];
  spouse: { firstNames: string; lastName?: string; birthDate: string; sex: "F" | "M" };
}>;

/** The password of accounts made by createAccountRow unless told otherwise. */
export const DEFAULT_PASSWORD = "cheval-agrafe-batterie-7";
const hashes = new Map<string, Promise<string>>();

/** A citizen account with its household, written directly (createAccount is the product's way). */
export async function createAccountRow(tenant: { id: string }, input: AccountInput = {}) {
  // Imported here: argon2 is a native module that only account tests need.
  const { hashSecret, normalizeAnswer } = await import("@/lib/accounts/secret-hash");
  const { identifiantBase, identifiantKey } = await import("@/lib/accounts/identifiant");
  const hash = (s: string) => {
    if (!hashes.has(s)) hashes.set(s, hashSecret(s));
    return hashes.get(s)!;
  };
  const n = next();
  const firstNames = input.firstNames ?? "Camille";
  const birthName = input.birthName ?? `Martin${n}`;
  const identifiant = input.identifiant ?? identifiantBase(firstNames, birthName);
  const member = (m: { firstNames: string; lastName?: string; birthDate: string; sex: string }, relation: string, kind: "ADULTE" | "ENFANT") => ({
    tenantId: tenant.id, kind, relation, firstNames: m.firstNames, lastName: m.lastName ?? birthName,
    birthDate: new Date(`${m.birthDate}T00:00:00Z`), sex: m.sex,
  });
  return db.account.create({
    data: {
      tenantId: tenant.id,
      identifiant,
      identifiantKey: identifiantKey(identifiant),
      status: input.status ?? "VALIDE",
      civility: "Madame",
      firstNames,
      birthName,
      birthDate: new Date("1985-04-12T00:00:00Z"),
      birthPlace: "Angers",
      addressLine1: `${n} rue des Tilleuls`,
      postalCode: "49070",
      city: "Beaucouzé",
      email: input.email ?? `${identifiant.replace(/[^a-z0-9.-]/g, "")}.${n}@exemple.fr`,
      emailConfirmedAt: new Date(),
      mobile: input.mobile === undefined ? "0612345678" : input.mobile,
      mobileConfirmedAt: input.mobile === null ? null : new Date(),
      channel: input.channel ?? "EMAIL",
      passwordHash: await hash(input.password ?? DEFAULT_PASSWORD),
      securityQuestion: input.securityQuestion ?? "Quel est le nom de votre premier animal de compagnie ?",
      securityAnswerHash: await hash(normalizeAnswer(input.securityAnswer ?? "Médor")),
      members: {
        create: [
          member({ firstNames, birthDate: "1985-04-12", sex: "F" }, "TITULAIRE", "ADULTE"),
          ...(input.spouse ? [member(input.spouse, "CONJOINT", "ADULTE")] : []),
          ...(input.children ?? []).map((c) => member(c, "ENFANT", "ENFANT")),
        ],
      },
    },
    select: { id: true, identifiant: true, email: true, tenantId: true, sessionVersion: true },
  });
}

export type ProcedureInput = Partial<{
  slug: string;
  title: string;
  summary: string;
  preparation: string;
  processingDays: number;
  requiresAccount: boolean;
  captcha: boolean;
  concernsMember: boolean;
  published: boolean;
  position: number;
  definition: object;
}>;

/** A theme of a commune's catalogue (created once per slug). */
export async function createTheme(tenant: { id: string }, slug = "etat-civil", title = "État civil", position = 0) {
  return db.theme.upsert({
    where: { tenantId_slug: { tenantId: tenant.id, slug } },
    create: { tenantId: tenant.id, slug, title, position },
    update: {},
    select: { id: true, slug: true, title: true },
  });
}

/** A démarche with its first published version (its form checked as a publication would be). */
export async function createProcedure(tenant: { id: string }, theme: { id: string }, input: ProcedureInput = {}) {
  const n = next();
  const definition = validateDefinition(
    input.definition ?? { steps: [{ id: "etape", title: "Votre demande", fields: [{ type: "textarea", name: "demande", label: "Votre demande", required: true }] }] },
  );
  if (!definition.ok) throw new Error(`Formulaire invalide : ${definition.errors.join(" ; ")}`);
  return db.procedure.create({
    data: {
      tenantId: tenant.id,
      themeId: theme.id,
      slug: input.slug ?? `demarche-${n}`,
      title: input.title ?? `Démarche ${n}`,
      summary: input.summary ?? "Une démarche en ligne.",
      preparation: input.preparation ?? "- Un justificatif",
      processingDays: input.processingDays ?? 10,
      requiresAccount: input.requiresAccount ?? true,
      captcha: input.captcha ?? false,
      concernsMember: input.concernsMember ?? false,
      published: input.published ?? true,
      position: input.position ?? n,
      versions: {
        create: { number: 1, definition: definition.definition },
      },
    },
    select: { id: true, slug: true, title: true },
  });
}

export type AgentInput = Partial<{
  email: string;
  firstNames: string;
  lastName: string;
  role: "AGENT" | "ADMIN";
  /** Ids of the commune's services the agent belongs to. */
  services: string[];
  password: string;
  /** Already encrypted (lib/agents/totp.ts encryptSecret); null: the second factor is not set up. */
  totpSecret: string | null;
}>;

/** The password of agents made by createAgent unless told otherwise. */
export const DEFAULT_AGENT_PASSWORD = "agent-tampon-registre-9";

/** A town hall's agent of the commune, in the given services. */
export async function createAgent(tenant: { id: string }, input: AgentInput = {}) {
  const { hashSecret } = await import("@/lib/accounts/secret-hash");
  const password = input.password ?? DEFAULT_AGENT_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hashSecret(password));
  const n = next();
  const totpSecret = input.totpSecret ?? null;
  return db.agent.create({
    data: {
      tenantId: tenant.id,
      email: (input.email ?? `agent${n}@mairie.exemple.fr`).toLowerCase(),
      firstNames: input.firstNames ?? "Sophie",
      lastName: input.lastName ?? `Durand${n}`,
      role: input.role ?? "AGENT",
      passwordHash: await hashes.get(password)!,
      totpSecret,
      totpEnabledAt: totpSecret ? new Date() : null,
      services: { create: (input.services ?? []).map((serviceId) => ({ serviceId })) },
    },
    select: { id: true, email: true, role: true, tenantId: true, sessionVersion: true },
  });
}

export type RegieInput = Partial<{
  name: string;
  provider: "SIMULATION" | "STRIPE";
  stripeAccountId: string | null;
}>;

/** A régie of the commune, written directly (lib/billing/regies createRegie is the product's way). */
export async function createRegieRow(tenant: { id: string }, input: RegieInput = {}) {
  const n = next();
  return db.regie.create({
    data: {
      tenantId: tenant.id,
      name: input.name ?? `Régie ${n}`,
      provider: input.provider ?? "SIMULATION",
      stripeAccountId: input.stripeAccountId ?? null,
      position: n,
    },
    select: { id: true, name: true, provider: true, stripeAccountId: true },
  });
}

export type InvoiceInput = Partial<{
  number: string;
  domain: "SCOLAIRE" | "PERISCOLAIRE" | "PETITE_ENFANCE" | "CCAS";
  label: string;
  amountCents: number;
  status: "A_PAYER" | "PAYEE" | "ANNULEE";
}>;

/** An invoice of a régie to an account, as the billing software publishes it. */
export async function createInvoice(account: { id: string; tenantId: string }, regie: { id: string }, input: InvoiceInput = {}) {
  const n = next();
  const amountCents = input.amountCents ?? 1_000 + n;
  const status = input.status ?? "A_PAYER";
  return db.invoice.create({
    data: {
      tenantId: account.tenantId,
      regieId: regie.id,
      accountId: account.id,
      number: input.number ?? `F-${n}`,
      domain: input.domain ?? "SCOLAIRE",
      label: input.label ?? `Restauration scolaire ${n}`,
      period: "Septembre 2026",
      lines: [{ label: "Repas", quantity: 1, unitCents: amountCents, totalCents: amountCents }],
      amountCents,
      issuedAt: new Date("2026-10-03T00:00:00Z"),
      dueAt: new Date("2026-11-03T00:00:00Z"),
      status,
      ...(status === "PAYEE" ? { paidAt: new Date(), paidVia: "GUICHET" as const } : {}),
    },
    select: { id: true, number: true, amountCents: true, regieId: true, accountId: true },
  });
}

/** The session's view of an account, as domain functions take it (a validated account by default). */
export function citizenOf(account: { id: string; tenantId: string; identifiant: string }, status: Citizen["status"] = "VALIDE"): Citizen {
  return { kind: "citizen", id: account.id, tenantId: account.tenantId, identifiant: account.identifiant, status, firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
}
