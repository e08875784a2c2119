import * as z from "zod";
import type { InvoiceDomain } from "@/lib/generated/prisma/enums";

// One invoice as the billing software sends it, by CSV (/admin/factures) or by the API
// (POST /api/v1/factures): the same French field names, the same checks, the same reasons in
// French. Pure (no database): lib/billing/invoices resolves the régie and the account and writes.

/** The columns of the CSV file, in the template's order; the same names are the API's JSON keys. */
export const INVOICE_COLUMNS = ["regie", "identifiant", "numero", "domaine", "libelle", "periode", "montant", "date_emission", "date_echeance"] as const;
export type InvoiceColumn = (typeof INVOICE_COLUMNS)[number];
/** Every column but the period must be in the header. */
const REQUIRED_COLUMNS: readonly InvoiceColumn[] = INVOICE_COLUMNS.filter((c) => c !== "periode");

export const DOMAIN_WORDS: Record<InvoiceDomain, string> = { SCOLAIRE: "scolaire", PERISCOLAIRE: "périscolaire", PETITE_ENFANCE: "petite enfance", CCAS: "CCAS" };

/** Limits: the largest amount of one invoice, the lines of one invoice. */
export const MAX_AMOUNT_CENTS = 100_000_000;
const MAX_LINES = 100;

/** « é », « É », « e » alike; spaces, dashes and underscores alike. */
const plain = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\s_'’-]+/g, " ").trim();

const DOMAINS: Record<string, InvoiceDomain> = { scolaire: "SCOLAIRE", periscolaire: "PERISCOLAIRE", "petite enfance": "PETITE_ENFANCE", ccas: "CCAS" };

/** The domain from « scolaire », « Périscolaire », « petite enfance », « PETITE_ENFANCE », « CCAS »; null otherwise. */
export function parseDomain(value: string): InvoiceDomain | null {
  return DOMAINS[plain(value)] ?? null;
}

/**
 * Euros to cents: « 48,60 », « 48.6 », « 1 234,50 € », or a JSON number (48.6). Null for anything
 * else: a negative or zero amount is told apart by the caller, three decimals or « 1.234,50 » are refused.
 */
export function parseEuros(value: unknown): number | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const cents = Math.round(value * 100);
    return Math.abs(value * 100 - cents) < 1e-6 ? cents : null;
  }
  if (typeof value !== "string") return null;
  const text = value.replace(/[\s\u00a0\u202f]/g, "").replace(/(€|eur|euros?)$/i, "");
  const match = /^(-?)(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "0").padEnd(2, "0"));
  return match[1] ? -cents : cents;
}

/** A day « 2026-10-03 » or « 03/10/2026 » (« 3/10/2026 » too), as midnight UTC; null for anything else or a day that does not exist. */
export function parseDay(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) return null;
  return date;
}

const quoted = (value: unknown) => (typeof value === "string" || typeof value === "number" ? ` : « ${String(value).slice(0, 60)} »` : "");
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** A required text: `missing` when absent or blank; its length and characters checked. */
const requiredText = (name: string, missing: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${name} : ${max} caractères au plus.`).regex(NO_CONTROL, `${name} : caractères de contrôle interdits.`);

const euros = (label: string, positive: boolean) =>
  z.unknown().optional().transform((value, ctx) => {
    if (value === undefined || value === null || value === "") {
      ctx.addIssue({ code: "custom", message: `${label} manquant.` });
      return z.NEVER;
    }
    const cents = parseEuros(value);
    if (cents === null || cents > MAX_AMOUNT_CENTS) {
      ctx.addIssue({ code: "custom", message: `${label} invalide${quoted(value)} (un nombre d'euros avec au plus deux décimales, par exemple 48,60).` });
      return z.NEVER;
    }
    if (positive && cents <= 0) {
      ctx.addIssue({ code: "custom", message: `${label} doit être supérieur à zéro${quoted(value)}.` });
      return z.NEVER;
    }
    return cents;
  });

const day = (label: string) =>
  z.unknown().optional().transform((value, ctx) => {
    if (value === undefined || value === null || value === "") {
      ctx.addIssue({ code: "custom", message: `${label} manquante.` });
      return z.NEVER;
    }
    const date = parseDay(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: `${label} invalide${quoted(value)} (AAAA-MM-JJ ou JJ/MM/AAAA, une date qui existe).` });
      return z.NEVER;
    }
    return date;
  });

const lineSchema = z.object({
  libelle: requiredText("Ligne : libellé", "Ligne : libellé manquant.", 200),
  quantite: z.unknown().optional().transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return 1;
    const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim().replace(",", ".")) : NaN;
    if (!Number.isFinite(n) || n <= 0 || n > 100_000) {
      ctx.addIssue({ code: "custom", message: `Ligne : quantité invalide${quoted(value)}.` });
      return z.NEVER;
    }
    return n;
  }),
  prix_unitaire: z.unknown().optional().transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const cents = parseEuros(value);
    if (cents === null || cents > MAX_AMOUNT_CENTS) {
      ctx.addIssue({ code: "custom", message: `Ligne : prix unitaire invalide${quoted(value)}.` });
      return z.NEVER;
    }
    return cents;
  }),
  montant: euros("Ligne : montant", false),
});

/**
 * One invoice: raw values (strings from a CSV, strings or numbers from JSON) in, the invoice to
 * write out (amount in cents, dates as days). Every problem of the line is reported, not the first.
 */
export const invoiceInputSchema = z
  .object({
    regie: requiredText("Régie", "Régie manquante.", 100),
    identifiant: requiredText("Identifiant", "Identifiant du titulaire manquant.", 254),
    numero: z
      .union([z.string(), z.number().int().nonnegative()], { error: "Numéro de facture manquant." })
      .transform((v) => String(v).trim())
      .pipe(requiredText("Numéro de facture", "Numéro de facture manquant.", 50)),
    domaine: z.string({ error: "Domaine manquant (scolaire, périscolaire, petite enfance ou CCAS)." }).transform((value, ctx) => {
      const domain = parseDomain(value);
      if (!domain) {
        ctx.addIssue({ code: "custom", message: value.trim() ? `Domaine inconnu${quoted(value)} (scolaire, périscolaire, petite enfance ou CCAS).` : "Domaine manquant (scolaire, périscolaire, petite enfance ou CCAS)." });
        return z.NEVER;
      }
      return domain;
    }),
    libelle: requiredText("Libellé", "Libellé manquant.", 200),
    periode: z.string({ error: "Période : du texte est attendu (par exemple « Septembre 2026 »)." }).trim().max(100, "Période : 100 caractères au plus.").regex(NO_CONTROL, "Période : caractères de contrôle interdits.").default(""),
    montant: euros("Montant", true),
    date_emission: day("Date d'émission"),
    date_echeance: day("Date d'échéance"),
    lignes: z.array(lineSchema, { error: "Lignes : une liste est attendue." }).max(MAX_LINES, `Lignes : ${MAX_LINES} au plus par facture.`).optional(),
  }, { error: "Facture illisible : un objet avec les champs regie, identifiant, numero… est attendu." })
  .superRefine((v, ctx) => {
    if (v.date_echeance < v.date_emission) ctx.addIssue({ code: "custom", path: ["date_echeance"], message: "La date d'échéance précède la date d'émission." });
    if (v.lignes?.length) {
      const total = v.lignes.reduce((sum, l) => sum + l.montant, 0);
      if (total !== v.montant) ctx.addIssue({ code: "custom", path: ["lignes"], message: `Le total des lignes (${euroText(total)}) ne fait pas le montant de la facture (${euroText(v.montant)}).` });
    }
  })
  .transform((v) => ({
    regie: v.regie,
    identifiant: v.identifiant.normalize("NFC").toLowerCase(),
    number: v.numero,
    domain: v.domaine,
    label: v.libelle,
    period: v.periode,
    amountCents: v.montant,
    issuedAt: v.date_emission,
    dueAt: v.date_echeance,
    lines: (v.lignes ?? []).map((l) => ({
      label: l.libelle, quantity: l.quantite, totalCents: l.montant,
      unitCents: l.prix_unitaire ?? Math.round(l.montant / l.quantite),
    })),
  }));

export type InvoiceInput = z.output<typeof invoiceInputSchema>;

/** « 48,60 € » (the same text as the citizen's pages). */
const euroFormat = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
export const euroText = (cents: number) => euroFormat.format(cents / 100);

/** The reasons of a refused line, each once, in French. */
export function reasonsOf(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((i) => i.message))];
}

// ——— CSV ———

export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 5_000;

/** The file's text: UTF-8 with or without its BOM; a file saved by Excel in Windows-1252 is read as such. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), each with the line it starts on. */
export function parseCsv(text: string, separator: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; cell += c; }
    } else if (c === '"' && cell.trim() === "") { cell = ""; quoted = true; }
    else if (c === separator) { cells.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = []; cell = ""; line++; start = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length) { cells.push(cell); records.push({ line: start, cells }); }
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

/** A header cell as a column name: « Date d'émission », « date_emission », « DATE-EMISSION » alike. */
const columnOf = (header: string): string => {
  const name = plain(header).replace(/ /g, "_");
  return name === "date_d_emission" ? "date_emission" : name === "date_d_echeance" ? "date_echeance" : name;
};

export type CsvRow = { line: number; values: Record<string, string> };

/**
 * The invoices of a CSV file (`;` or `,` between cells, guessed from the header), with the line of
 * each; a file that cannot be read as invoices (empty, header missing columns, too many lines) is
 * refused as a whole, in French.
 */
export function readInvoiceCsv(bytes: Uint8Array): { ok: true; rows: CsvRow[] } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: "Le fichier est vide : choisissez le fichier CSV des factures." };
  if (bytes.byteLength > CSV_MAX_BYTES) return { ok: false, message: "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers." };
  const text = decodeCsv(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = firstLine.includes(";") ? ";" : firstLine.includes(",") ? "," : firstLine.includes("\t") ? "\t" : ";";
  const [header, ...records] = parseCsv(text, separator);
  if (!header) return { ok: false, message: "Le fichier est vide : choisissez le fichier CSV des factures." };
  const columns = header.cells.map(columnOf);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    return {
      ok: false,
      message: `La première ligne du fichier doit nommer les colonnes : ${missing.length > 1 ? "il manque les colonnes" : "il manque la colonne"} ${missing.join(", ")}. Partez du modèle à télécharger (${INVOICE_COLUMNS.join(";")}).`,
    };
  }
  if (!records.length) return { ok: false, message: "Le fichier ne contient aucune facture : seulement la ligne des noms de colonnes." };
  if (records.length > CSV_MAX_ROWS) return { ok: false, message: `Le fichier contient ${records.length} factures : ${CSV_MAX_ROWS} au plus par fichier, découpez-le.` };
  const rows = records.map((r) => {
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      if ((INVOICE_COLUMNS as readonly string[]).includes(column) && !(column in values)) values[column] = r.cells[i] ?? "";
    });
    return { line: r.line, values };
  });
  return { ok: true, rows };
}

/** A cell for a spreadsheet: quoted when needed, and defused when it starts like a formula (=, +, -, @). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV document as French Excel opens it: BOM, semicolons, CRLF. */
export function csvDocument(rows: string[][]): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** The template offered for download: the header and two example lines. */
export function invoiceCsvTemplate(): string {
  return csvDocument([
    [...INVOICE_COLUMNS],
    ["Régie Ville", "lucie.bernard", "F-2026-000123", "périscolaire", "Accueil périscolaire", "Septembre 2026", "48,60", "2026-10-03", "2026-10-31"],
    ["Régie CCAS", "lucie.bernard", "C-2026-000045", "ccas", "Portage de repas", "Septembre 2026", "112,00", "03/10/2026", "31/10/2026"],
  ]);
}
