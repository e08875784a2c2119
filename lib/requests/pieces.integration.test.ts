import type { StaffActor } from "@/lib/agents/scope";
import type { Citizen } from "@/lib/auth/session";
import { getRequestDetail } from "@/lib/requests/detail";
import { saveDraft } from "@/lib/requests/drafts";
import { markPieceReceived } from "@/lib/requests/pieces";
import { submitDraft } from "@/lib/requests/submission";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

const definition = { steps: [{ id: "pieces", title: "Pièces", fields: [
  { type: "file", name: "domicile", label: "Justificatif de domicile", required: true },
  { type: "text", name: "nom", label: "Nom", required: true },
] }] };

async function sentWithPaperPiece(code: string) {
  const tenant = await createFullTenant({ code });
  const row = tenant;
  const theme = await createTheme(row, "vie", "Vie");
  await createProcedure(row, theme, { slug: "papier", title: "Avec pièce", definition });
  const account = await createAccountRow(row);
  const citizen: Citizen = { kind: "citizen", id: account.id, tenantId: row.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
  const saved = await saveDraft(citizen, { procedure: "papier", answers: { domicile: { kind: "paper" }, nom: "Martin" } });
  if (!saved.ok) throw new Error(saved.message);
  const sent = await submitDraft(citizen, tenant, saved.data);
  if (!sent.ok) throw new Error(sent.message);
  const agent: StaffActor = { kind: "agent", id: "agent-1", tenantId: row.id, role: "ADMIN", serviceIds: [] };
  return { tenant, citizen, agent, numero: sent.data.numero };
}

describe("markPieceReceived", () => {
  it("marks a paper piece received once, says so on the request, and only in its commune", async () => {
    const { tenant, citizen, agent, numero } = await sentWithPaperPiece("BCZ");
    expect((await getRequestDetail(citizen, numero))?.pieces).toEqual([expect.objectContaining({ field: "domicile", state: "sur papier" })]);

    const other = await sentWithPaperPiece("SET");
    expect(await markPieceReceived(other.agent, other.tenant, numero, { field: "domicile" })).toMatchObject({ ok: false, message: "Demande introuvable." });
    expect(await markPieceReceived(agent, tenant, numero, { field: "nom" })).toMatchObject({ ok: false });

    expect(await markPieceReceived(agent, tenant, numero, { field: "domicile" })).toMatchObject({ ok: true });
    expect(await markPieceReceived(agent, tenant, numero, { field: "domicile" })).toMatchObject({ ok: true });
    const detail = await getRequestDetail(citizen, numero);
    expect(detail?.pieces).toEqual([expect.objectContaining({ field: "domicile", state: "reçue" })]);
    expect(detail?.events.filter((e) => e.publicMessage === "Pièce reçue à la mairie : Justificatif de domicile.")).toHaveLength(1);
    expect(detail?.status).toBe("DEPOSEE");
  });
});
