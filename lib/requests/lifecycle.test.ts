import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { ALL_STATUSES, TRANSITIONS, WITHDRAW_MOTIF, allowedFrom, checkTransition, transitionsFor, type LifecycleActor } from "@/lib/requests/lifecycle";

// ARCHITECTURE §4 written out a second time, by hand, one line per allowed move: the module must
// agree with it on every (from, to, actor), the refused ones included.
const ALLOWED: Record<string, { action: string; needs: string | null }> = {
  "BROUILLON → DEPOSEE by citizen": { action: "Envoyer", needs: "valid-answers" },
  "DEPOSEE → EN_COURS by agent": { action: "Prendre en charge", needs: null },
  "DEPOSEE → INCOMPLETE by agent": { action: "Demander un complément", needs: "message" },
  "EN_COURS → INCOMPLETE by agent": { action: "Demander un complément", needs: "message" },
  "COMPLETE → INCOMPLETE by agent": { action: "Demander un complément", needs: "message" },
  "INCOMPLETE → EN_COURS by citizen": { action: "Compléter ma demande", needs: "answer" },
  "INCOMPLETE → EN_COURS by agent": { action: "Complément reçu", needs: "optional-message" },
  "EN_COURS → COMPLETE by agent": { action: "Marquer complète", needs: null },
  "EN_COURS → ACCEPTEE by agent": { action: "Accepter", needs: "optional-message" },
  "COMPLETE → ACCEPTEE by agent": { action: "Accepter", needs: "optional-message" },
  "EN_COURS → REFUSEE by agent": { action: "Refuser", needs: "motif" },
  "COMPLETE → REFUSEE by agent": { action: "Refuser", needs: "motif" },
  "DEPOSEE → SANS_SUITE by agent": { action: "Classer sans suite", needs: "motif" },
  "EN_COURS → SANS_SUITE by agent": { action: "Classer sans suite", needs: "motif" },
  "INCOMPLETE → SANS_SUITE by agent": { action: "Classer sans suite", needs: "motif" },
  "COMPLETE → SANS_SUITE by agent": { action: "Classer sans suite", needs: "motif" },
  "DEPOSEE → SANS_SUITE by citizen": { action: "Retirer ma demande", needs: null },
  "EN_COURS → SANS_SUITE by citizen": { action: "Retirer ma demande", needs: null },
  "INCOMPLETE → SANS_SUITE by citizen": { action: "Retirer ma demande", needs: null },
  "ACCEPTEE → EN_COURS by agent": { action: "Rouvrir", needs: "motif" },
  "REFUSEE → EN_COURS by agent": { action: "Rouvrir", needs: "motif" },
  "SANS_SUITE → EN_COURS by agent": { action: "Rouvrir", needs: "motif" },
};

const ACTORS: LifecycleActor[] = ["citizen", "agent"];
const key = (from: RequestStatus, to: RequestStatus, by: LifecycleActor) => `${from} → ${to} by ${by}`;
const EVERY_CASE = ALL_STATUSES.flatMap((from) => ALL_STATUSES.flatMap((to) => ACTORS.map((by) => [key(from, to, by), from, to, by] as const)));

describe("the lifecycle table", () => {
  it("knows the eight statuses", () => {
    expect([...ALL_STATUSES].sort()).toEqual(["ACCEPTEE", "BROUILLON", "COMPLETE", "DEPOSEE", "EN_COURS", "INCOMPLETE", "REFUSEE", "SANS_SUITE"]);
    expect(EVERY_CASE).toHaveLength(8 * 8 * 2);
  });

  it.each(EVERY_CASE)("%s", (name, from, to, by) => {
    const expected = ALLOWED[name] ?? null;
    const transition = checkTransition(from, to, by);
    expect(transition && { action: transition.action, needs: transition.needs }).toEqual(expected);
    // The three other views of the table agree with checkTransition.
    expect(allowedFrom(to, by).includes(from)).toBe(expected !== null);
    expect(transitionsFor(from, by).some((t) => t.to === to)).toBe(expected !== null);
    if (expected) expect(allowedFrom(to, by, expected.action)).toContain(from);
  });

  it("lets at most one transition match a (from, to, actor), so its needs are never ambiguous", () => {
    for (const [name, from, to, by] of EVERY_CASE) {
      const matching = TRANSITIONS.filter((t) => t.from.includes(from) && t.to === to && t.by === by);
      expect({ name, count: matching.length }).toEqual({ name, count: ALLOWED[name] ? 1 : 0 });
    }
  });

  it("narrows the from-states by action when two actions lead to the same status", () => {
    expect(allowedFrom("EN_COURS", "agent")).toEqual(["DEPOSEE", "INCOMPLETE", "ACCEPTEE", "REFUSEE", "SANS_SUITE"]);
    expect(allowedFrom("EN_COURS", "agent", "Prendre en charge")).toEqual(["DEPOSEE"]);
    expect(allowedFrom("EN_COURS", "agent", "Rouvrir")).toEqual(["ACCEPTEE", "REFUSEE", "SANS_SUITE"]);
    expect(allowedFrom("EN_COURS", "agent", "Accepter")).toEqual([]);
    expect(allowedFrom("BROUILLON", "agent")).toEqual([]);
  });

  it("shows the citizen « Compléter ma demande » and « Retirer ma demande » only where they apply", () => {
    const buttons = (s: RequestStatus) => transitionsFor(s, "citizen").map((t) => t.action);
    expect(buttons("INCOMPLETE")).toEqual(["Compléter ma demande", "Retirer ma demande"]);
    expect(buttons("DEPOSEE")).toEqual(["Retirer ma demande"]);
    expect(buttons("EN_COURS")).toEqual(["Retirer ma demande"]);
    for (const s of ["COMPLETE", "ACCEPTEE", "REFUSEE", "SANS_SUITE"] as const) expect(buttons(s)).toEqual([]);
  });

  it("gives the agent's buttons in the order of the table", () => {
    expect(transitionsFor("EN_COURS", "agent").map((t) => t.action)).toEqual([
      "Demander un complément", "Marquer complète", "Accepter", "Refuser", "Classer sans suite",
    ]);
    expect(transitionsFor("BROUILLON", "agent")).toEqual([]);
  });

  it("withdraws with the fixed motif, and only the withdrawal has one", () => {
    expect(checkTransition("EN_COURS", "SANS_SUITE", "citizen")?.fixedMotif).toBe(WITHDRAW_MOTIF);
    expect(WITHDRAW_MOTIF).toBe("Retirée par le demandeur");
    expect(TRANSITIONS.filter((t) => t.fixedMotif).map((t) => t.action)).toEqual(["Retirer ma demande"]);
  });
});
