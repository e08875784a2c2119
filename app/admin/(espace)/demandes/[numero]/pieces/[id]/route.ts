import { readAttachment } from "@/lib/attachments/attachments";
import { pieceNotFound, pieceResponse } from "@/lib/attachments/response";
import { requireAgent } from "@/lib/agents/session";
import { clientAddress } from "@/lib/security/rate-limit";

// GET /admin/demandes/<numéro>/pieces/<id>: a piece opened in the browser for an agent who sees its
// request (audited). Another service's or commune's piece, or an unknown id: 404.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ numero: string; id: string }> };

export async function GET(request: Request, { params }: Context) {
  const agent = await requireAgent("demandes.voir");
  const { id } = await params;
  const piece = await readAttachment(agent, id, clientAddress(request.headers));
  return piece ? pieceResponse(piece, "inline") : pieceNotFound();
}
