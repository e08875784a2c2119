import "server-only";
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { hashSecret } from "@/lib/accounts/secret-hash";
import { issueAgentToken } from "@/lib/agents/manage";
import { recordAudit } from "@/lib/audit/audit";
import { brandProblems } from "@/lib/colour";
import { hostname } from "@/lib/commune/hosts";
import { faqEntries, legalTexts, welcomeText, type CommuneIdentity } from "@/lib/commune/texts";
import { defaultThemes } from "@/lib/commune/themes";
import { env } from "@/lib/env";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ofName, slugify } from "@/lib/text";

// A new commune, made by the operator of the deployment (`npm run commune:create`), not by anyone
// signed in: its commune, its address, its starting themes, texts and FAQ, and its first admin, who
// receives a single-use link to choose a password (then enrols an authenticator at the first login)
// and sets the commune's branding and contact details in « Paramètres ». All or nothing: one
// transaction. An address or a code already used by another commune is refused, nothing written.
// The new address answers at once on running servers: an address nobody asked for is not in their
// cache, and one asked for before (as unknown) is forgotten within TENANT_CACHE_TTL_MS.

/** Colours that carry white text and read as text on white at WCAG AA (lib/colour.ts). */
export const DEFAULT_PRIMARY = "#1d4ed8";
export const DEFAULT_ACCENT = "#1e3a8a";

const schema = z.object({
  name: z
    .string({ error: "Indiquez le nom de la commune." })
    .trim()
    .min(1, "Indiquez le nom de la commune.")
    .max(100, "Le nom de la commune fait 100 caractères au plus.")
    .regex(/\p{L}/u, "Le nom de la commune doit contenir des lettres."),
  host: z.string({ error: "Indiquez l'adresse du portail, par exemple demarches.ma-commune.fr." }).pipe(hostname),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Le code est fait de trois lettres sans accent, par exemple ABC : il préfixe les numéros des demandes.")
    .optional(),
  officialName: z.string().trim().min(1, "Le nom officiel ne peut pas être vide.").max(150, "Le nom officiel fait 150 caractères au plus.").optional(),
  adminEmail: z
    .string({ error: "Indiquez l'adresse électronique du premier administrateur." })
    .trim()
    .toLowerCase()
    .min(1, "Indiquez l'adresse électronique du premier administrateur.")
    .max(254, "Adresse électronique trop longue.")
    .pipe(z.email("Adresse électronique de l'administrateur invalide, par exemple prenom.nom@mairie.fr.")),
  adminFirstNames: z.string().trim().min(1, "Le prénom de l'administrateur ne peut pas être vide.").max(100, "100 caractères au plus.").default("Administrateur"),
  adminLastName: z.string().trim().min(1, "Le nom de l'administrateur ne peut pas être vide.").max(100, "100 caractères au plus.").default("principal"),
});

export type CreateCommuneInput = z.input<typeof schema>;

export type CreatedCommune = {
  tenant: { id: string; slug: string; name: string; officialName: string; code: string };
  host: string;
  admin: { id: string; email: string };
  /** The secret of the admin's link, /admin/connexion/bienvenue/<token>: shown once, only its hash is kept. */
  token: string;
};

/** The path of the page where an invited agent chooses a password. */
export const welcomePath = (token: string) => `/admin/connexion/bienvenue/${token}`;

// Small words left out of a code: « Saint-André-des-Eaux » → SAE.
const MINOR_WORDS = new Set(["A", "AU", "AUX", "D", "DE", "DES", "DU", "EN", "ET", "L", "LA", "LE", "LES", "SOUS", "SUR"]);
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The name's words in capitals without accents: « L'Haÿ-les-Roses » → L, HAY, LES, ROSES. */
function wordsOf(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/Œ/g, "OE")
    .replace(/Æ/g, "AE")
    .split(/[^A-Z]+/)
    .filter(Boolean);
}

/**
 * The three-letter code of a commune, derived from its name and free among `taken`: the initials of
 * a name of three words or more (Saint-André-des-Eaux → SAE), else its first three letters
 * (Sète → SET); then its first letter with two later ones, then any code with its first letter,
 * then any code at all.
 */
export function deriveCode(name: string, taken: ReadonlySet<string>): string {
  const words = wordsOf(name);
  const main = words.filter((w) => !MINOR_WORDS.has(w));
  const significant = main.length ? main : words;
  const joined = significant.join("");
  const first = joined[0] ?? "C";
  function* candidates() {
    if (significant.length >= 3) yield significant.slice(0, 3).map((w) => w[0]).join("");
    if (joined.length >= 3) yield joined.slice(0, 3);
    for (let i = 1; i < joined.length; i++) for (let j = i + 1; j < joined.length; j++) yield `${first}${joined[i]}${joined[j]}`;
    for (const b of LETTERS) for (const c of LETTERS) yield `${first}${b}${c}`;
    for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) yield `${a}${b}${c}`;
  }
  for (const code of candidates()) if (!taken.has(code)) return code;
  throw new Error("Plus aucun code de trois lettres n'est libre.");
}

/** The commune's slug: its name in URL form, with -2, -3… when another commune has it. */
function freeSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name) || "commune";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Creates a commune and its first admin. Invalid input comes back with `fieldErrors` (by field of
 * CreateCommuneInput); an address or a code used by another commune with a message only.
 */
export async function createCommune(client: PrismaClient, input: unknown, now = new Date()): Promise<ActionResult<CreatedCommune>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: fieldErrorsOf(parsed.error) };
  const { name, host, adminEmail, adminFirstNames, adminLastName } = parsed.data;
  const officialName = parsed.data.officialName ?? `Mairie ${ofName(name)}`;
  if (env.platformHosts.includes(host)) {
    return { ok: false, message: `L'adresse ${host} est celle de la plateforme elle-même (la liste des communes) : choisissez-en une autre.` };
  }
  if (Object.keys(brandProblems(DEFAULT_PRIMARY, DEFAULT_ACCENT)).length) throw new Error("Default colours fail WCAG AA");
  // The admin chooses a password with the link: until then, no password works.
  const passwordHash = await hashSecret(randomBytes(32).toString("base64url"));
  // Contact details are the commune's to give, in « Paramètres »: the texts send readers to the footer.
  const identity: CommuneIdentity = { name, officialName, contactEmail: "", contactPhone: "", contactAddress: "" };
  try {
    return await client.$transaction(async (tx): Promise<ActionResult<CreatedCommune>> => {
      const owner = await tx.tenantHost.findUnique({ where: { hostname: host }, select: { tenant: { select: { name: true } } } });
      if (owner) return { ok: false, message: `L'adresse ${host} est déjà utilisée par la commune ${owner.tenant.name}.` };
      const others = await tx.tenant.findMany({ select: { code: true, slug: true, name: true } });
      const codeOwner = parsed.data.code && others.find((t) => t.code === parsed.data.code);
      if (codeOwner) return { ok: false, message: `Le code ${codeOwner.code} est déjà utilisé par la commune ${codeOwner.name}.` };
      const code = parsed.data.code ?? deriveCode(name, new Set(others.map((t) => t.code)));
      const slug = freeSlug(name, new Set(others.map((t) => t.slug)));

      const tenant = await tx.tenant.create({
        data: {
          slug, name, officialName, code,
          contactEmail: "", contactPhone: "", contactAddress: "",
          primaryColor: DEFAULT_PRIMARY, accentColor: DEFAULT_ACCENT, logoUrl: null,
          welcomeText: welcomeText(identity),
          ...legalTexts(identity),
          hosts: { create: { hostname: host, canonical: true } },
          // No régie yet: the FAQ says nothing of invoices; nor of démarches without an account, which the commune has yet to build.
          faqEntries: { create: faqEntries(identity, { drafts: true }).map((entry, position) => ({ ...entry, position })) },
        },
        select: { id: true, slug: true, name: true, officialName: true, code: true },
      });
      for (const [position, theme] of defaultThemes.entries()) {
        const service = await tx.service.create({ data: { tenantId: tenant.id, ...theme.service }, select: { id: true } });
        await tx.theme.create({ data: { tenantId: tenant.id, slug: theme.slug, title: theme.title, position, serviceId: service.id }, select: { id: true } });
      }
      const admin = await tx.agent.create({
        data: { tenantId: tenant.id, email: adminEmail, firstNames: adminFirstNames, lastName: adminLastName, role: "ADMIN", passwordHash },
        select: { id: true, email: true },
      });
      const token = await issueAgentToken(tx, admin.id, now);
      await recordAudit(tx, {
        tenantId: tenant.id, actor: { kind: "SYSTEME" }, action: "commune.creer", target: { type: "Agent", id: admin.id },
        details: { adresse: host, code },
      });
      return { ok: true, message: `Commune ${name} créée.`, data: { tenant, host, admin, token } };
    });
  } catch (error) {
    // Another creation took the address, the code or the slug between our reads and our writes.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, message: "Une autre commune vient d'être créée avec la même adresse ou le même code : relancez la commande pour voir lequel." };
    }
    throw error;
  }
}
