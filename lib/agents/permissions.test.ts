import type { AgentRole } from "@/lib/generated/prisma/enums";
import { can, canSeeTheme, PERMISSIONS, PERMISSIONS_BY_ROLE, type Permission } from "@/lib/agents/permissions";

const ROLES: AgentRole[] = ["AGENT", "ADMIN"];

// The whole table, written out: a change to a role's rights must change this test too.
const EXPECTED: Record<AgentRole, Record<Permission, boolean>> = {
  AGENT: {
    "demandes.voir": true,
    "demandes.instruire": true,
    "comptes.voir": true,
    "comptes.valider": true,
    "comptes.creer": true,
    "messages.envoyer": true,
    "agents.gerer": false,
    "audit.voir": false,
    "commune.configurer": false,
    // The counter: invoices and payments seen, « payée au guichet »; publishing invoices is for admins.
    "factures.gerer": true,
    "factures.importer": false,
  },
  ADMIN: {
    "demandes.voir": true,
    "demandes.instruire": true,
    "comptes.voir": true,
    "comptes.valider": true,
    "comptes.creer": true,
    "messages.envoyer": true,
    "agents.gerer": true,
    "audit.voir": true,
    "commune.configurer": true,
    "factures.gerer": true,
    "factures.importer": true,
  },
};

describe("permissions by role", () => {
  it("lists every permission once", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    expect(Object.keys(EXPECTED.AGENT).sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      it(`${role} ${EXPECTED[role][permission] ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(EXPECTED[role][permission]);
      });
    }
  }

  it("gives an admin everything an agent may do", () => {
    for (const permission of PERMISSIONS_BY_ROLE.AGENT) expect(can("ADMIN", permission)).toBe(true);
  });

  it("refuses an unknown role or permission", () => {
    expect(can("VISITEUR" as AgentRole, "demandes.voir")).toBe(false);
    expect(can("ADMIN", "tout.faire" as Permission)).toBe(false);
  });
});

describe("themes an agent sees", () => {
  const etatCivil = { serviceId: "svc-etat-civil" };
  const ccas = { serviceId: "svc-ccas" };
  const orphan = { serviceId: null };

  it.each([
    ["an admin, a theme of any service", { role: "ADMIN" as const, serviceIds: [] }, ccas, true],
    ["an admin, a theme without service", { role: "ADMIN" as const, serviceIds: [] }, orphan, true],
    ["an agent, a theme of their service", { role: "AGENT" as const, serviceIds: ["svc-etat-civil", "svc-enfance"] }, etatCivil, true],
    ["an agent, a theme of another service", { role: "AGENT" as const, serviceIds: ["svc-etat-civil", "svc-enfance"] }, ccas, false],
    ["an agent, a theme without service", { role: "AGENT" as const, serviceIds: ["svc-etat-civil"] }, orphan, false],
    ["an agent without service, any theme", { role: "AGENT" as const, serviceIds: [] }, etatCivil, false],
  ])("%s → %s", (_label, agent, theme, expected) => {
    expect(canSeeTheme(agent, theme)).toBe(expected);
  });
});
