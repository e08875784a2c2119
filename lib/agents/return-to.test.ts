import { safeAgentReturn } from "@/lib/agents/return-to";

jest.mock("next/headers", () => ({ cookies: jest.fn() }));

describe("safeAgentReturn", () => {
  it("keeps a page of the back office, with its query", () => {
    expect(safeAgentReturn("/admin/demandes/SET-2026-000012")).toBe("/admin/demandes/SET-2026-000012");
    expect(safeAgentReturn("/admin/demandes?statut=recues&page=2")).toBe("/admin/demandes?statut=recues&page=2");
    expect(safeAgentReturn("/admin")).toBe("/admin");
  });

  it("refuses another site, the citizens' pages, the login itself and anything else", () => {
    for (const value of ["//ailleurs.example/admin", "/admin/../accueil", "/administrer", "/accueil", "/admin/connexion/code", "https://ailleurs.example/admin", 42, null, undefined]) {
      expect(safeAgentReturn(value)).toBeNull();
    }
  });
});
