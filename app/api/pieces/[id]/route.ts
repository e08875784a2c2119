import { readAttachment } from "@/lib/attachments/attachments";
import { pieceNotFound, pieceResponse } from "@/lib/attachments/response";
import { getCitizen } from "@/lib/auth/session";

// GET /api/pieces/:id: the file of a pièce justificative, downloaded, for the citizen who uploaded
// it. Anyone else, another commune's piece or an unknown id: the same 404, which reveals nothing.
// (Agents open pieces at /admin/demandes/<numéro>/pieces/<id>.)
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const citizen = await getCitizen();
  const piece = citizen ? await readAttachment(citizen, id) : null;
  return piece ? pieceResponse(piece, "attachment") : pieceNotFound();
}
