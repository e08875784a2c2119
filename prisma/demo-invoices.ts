// The demo invoices of the validated citizen of each commune: unpaid and paid ones in the two
// régies, one paid long ago (outside « Consulter votre relevé »'s three months). Dates count from
// the day the seed runs, so the demo reads the same whenever it is started.

type Demo = {
  regie: "Régie Ville" | "Régie CCAS";
  number: string;
  domain: "SCOLAIRE" | "PERISCOLAIRE" | "PETITE_ENFANCE" | "CCAS";
  label: string;
  /** Months before the current one. */
  monthsAgo: number;
  lines: { label: string; quantity: number; unitCents: number }[];
  /** Paid this many days ago; unpaid when absent. */
  paidDaysAgo?: number;
};

export const demoInvoices: Demo[] = [
  { regie: "Régie Ville", number: "V-0101", domain: "SCOLAIRE", label: "Restauration scolaire (Léa, Tom)", monthsAgo: 1, lines: [{ label: "Repas", quantity: 18, unitCents: 270 }] },
  { regie: "Régie Ville", number: "V-0102", domain: "PERISCOLAIRE", label: "Accueil périscolaire (Tom)", monthsAgo: 1, lines: [{ label: "Accueil du soir", quantity: 12, unitCents: 270 }] },
  { regie: "Régie Ville", number: "V-0103", domain: "PETITE_ENFANCE", label: "Centre de loisirs (Léa)", monthsAgo: 1, lines: [{ label: "Mercredi, journée", quantity: 4, unitCents: 1150 }] },
  { regie: "Régie CCAS", number: "C-0201", domain: "CCAS", label: "Portage de repas à domicile", monthsAgo: 1, lines: [{ label: "Repas livré", quantity: 8, unitCents: 450 }] },
  { regie: "Régie Ville", number: "V-0091", domain: "SCOLAIRE", label: "Restauration scolaire (Léa, Tom)", monthsAgo: 2, lines: [{ label: "Repas", quantity: 16, unitCents: 270 }], paidDaysAgo: 20 },
  { regie: "Régie CCAS", number: "C-0191", domain: "CCAS", label: "Portage de repas à domicile", monthsAgo: 2, lines: [{ label: "Repas livré", quantity: 6, unitCents: 450 }], paidDaysAgo: 25 },
  { regie: "Régie Ville", number: "V-0051", domain: "SCOLAIRE", label: "Restauration scolaire (Léa, Tom)", monthsAgo: 6, lines: [{ label: "Repas", quantity: 15, unitCents: 270 }], paidDaysAgo: 150 },
];

const PERIOD = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "Europe/Paris" });

/** The rows to write for one commune's citizen (numbers prefixed by the commune's code). */
export function demoInvoiceRows(code: string, now = new Date()) {
  return demoInvoices.map((d) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - d.monthsAgo, 1));
    const issuedAt = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 3));
    const lines = d.lines.map((l) => ({ ...l, totalCents: l.quantity * l.unitCents }));
    const period = PERIOD.format(month);
    return {
      regie: d.regie,
      number: `${code}-${d.number}`,
      domain: d.domain,
      label: d.label,
      period: period.charAt(0).toUpperCase() + period.slice(1),
      lines,
      amountCents: lines.reduce((sum, l) => sum + l.totalCents, 0),
      issuedAt,
      // Due a month after issue: the unpaid ones are due soon, not late.
      dueAt: new Date(Math.max(issuedAt.getTime() + 30 * 86_400_000, now.getTime() + 10 * 86_400_000)),
      ...(d.paidDaysAgo !== undefined ? { status: "PAYEE" as const, paidAt: new Date(now.getTime() - d.paidDaysAgo * 86_400_000), paidVia: "EN_LIGNE" as const } : {}),
    };
  });
}
