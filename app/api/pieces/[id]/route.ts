import { downloadName, readAttachment } from "@/lib/attachments/attachments";
import { KIND_MIME } from "@/lib/attachments/sniff";
import { getCitizen } from "@/lib/auth/session";

// GET /api/pieces/:id: the file of a pièce justificative, for the citizen who uploaded it.
// Anyone else, another commune's piece or an unknown id: the same 404, which reveals nothing.
// (Agents read pieces through readAttachment with their own actor when the back office arrives.)
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const citizen = await getCitizen();
  const piece = citizen ? await readAttachment(citizen, id) : null;
  if (!piece) {
    return Response.json({ ok: false, message: "Cette pièce est introuvable." }, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  }
  return new Response(piece.body, {
    headers: {
      // The type read from the content at upload, never the one the browser declared.
      "Content-Type": KIND_MIME[piece.kind],
      "Content-Length": String(piece.size),
      // Downloaded, never rendered in the portal's origin; a sandbox in case a browser renders it anyway.
      "Content-Disposition": contentDisposition(downloadName(piece.fileName, piece.kind)),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** RFC 6266: an ASCII fallback for old clients, and the exact name in UTF-8 (RFC 5987). */
function contentDisposition(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
