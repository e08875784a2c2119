import results from "@/lib/accessibility/results.json";

// The accessibility statement of every commune is rendered from the summary of the last full
// end-to-end run (lib/accessibility/results.json, written by scripts/accessibility-summary.mjs from
// the records of the axe scans). Pure: no database, usable by the footer and the statement page.

export type Impact = "critical" | "serious" | "moderate" | "minor";

export type AccessibilityResults = {
  date: string;
  tool: string;
  browser: string;
  tags: string[];
  viewports: { name: string; width: number; height: number }[];
  scans: number;
  pages: { path: string; states: string[]; viewports: string[]; scans: number }[];
  counts: Record<Impact, number>;
  nonConformities: { rule: string; impact: Impact; help: string; occurrences: number; pages: string[] }[];
  /** A manual RGAA 4.1 audit, when one was made: the share of applicable criteria respected. */
  audit: { date: string; auditor: string; rate: number } | null;
};

export const ACCESSIBILITY_RESULTS = results as AccessibilityResults;

export type Conformity = { level: "totale" | "partielle" | "non"; label: string; reason: string };

/**
 * The état de conformité as RGAA 4.1 defines it: totalement conforme when every applicable
 * criterion is respected, partiellement conforme from 50 %, non conforme below, or when no audit
 * measured it. Automated scans check only a part of the criteria: alone, they never make a site
 * conformant, however clean.
 */
export function conformityOf(r: Pick<AccessibilityResults, "audit">): Conformity {
  if (!r.audit) {
    return {
      level: "non",
      label: "non conforme",
      reason:
        "Aucun audit complet selon le RGAA 4.1 n'a encore été réalisé : le taux de critères respectés n'est donc pas mesuré. " +
        "Les tests automatiques décrits ci-dessous vérifient une partie des critères seulement.",
    };
  }
  const rate = `${r.audit.rate.toLocaleString("fr-FR")} %`;
  const by = `l'audit du ${frenchDate(r.audit.date)} (${r.audit.auditor})`;
  if (r.audit.rate >= 100) return { level: "totale", label: "totalement conforme", reason: `Selon ${by}, tous les critères applicables sont respectés.` };
  if (r.audit.rate >= 50) return { level: "partielle", label: "partiellement conforme", reason: `Selon ${by}, ${rate} des critères applicables sont respectés.` };
  return { level: "non", label: "non conforme", reason: `Selon ${by}, ${rate} seulement des critères applicables sont respectés.` };
}

export const IMPACT_LABELS: Record<Impact, string> = {
  critical: "bloquant",
  serious: "grave",
  moderate: "modéré",
  minor: "mineur",
};

const TAG_LABELS: Record<string, string> = {
  wcag2a: "WCAG 2.0 niveau A",
  wcag2aa: "WCAG 2.0 niveau AA",
  wcag21a: "WCAG 2.1 niveau A",
  wcag21aa: "WCAG 2.1 niveau AA",
  wcag22aa: "WCAG 2.2 niveau AA",
};

export function tagLabel(tag: string) {
  return TAG_LABELS[tag] ?? tag;
}

/** « 25 novembre 2026 » from an ISO date. */
export function frenchDate(iso: string) {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

const VIEWPORT_LABELS: Record<string, string> = { telephone: "téléphone", ordinateur: "ordinateur" };

export function viewportLabel(v: { name: string; width: number; height: number }) {
  return `${VIEWPORT_LABELS[v.name] ?? v.name} (${v.width} × ${v.height} pixels)`;
}
