import { downloadName } from "@/lib/attachments/attachments";
import { KIND_MIME, type FileKind } from "@/lib/attachments/sniff";

// How a piece leaves the server, for the citizen who sent it (downloaded) and for the agents who
// instruct it (opened in the browser's own viewer). Its type is the one read from its content at
// upload, never the one a browser declared, so only a real PDF, JPEG or PNG is ever shown inline;
// the policy sandboxes the document (no script, no form, a unique origin) and forbids every load,
// whatever the file holds.

export function pieceResponse(piece: { fileName: string; kind: FileKind; size: number; body: BodyInit }, disposition: "attachment" | "inline") {
  return new Response(piece.body, {
    headers: {
      "Content-Type": KIND_MIME[piece.kind],
      "Content-Length": String(piece.size),
      "Content-Disposition": contentDisposition(disposition, downloadName(piece.fileName, piece.kind)),
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; object-src 'self'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

export const pieceNotFound = () =>
  Response.json({ ok: false, message: "Cette pièce est introuvable." }, { status: 404, headers: { "Cache-Control": "private, no-store" } });

/** RFC 6266: an ASCII fallback for old clients, and the exact name in UTF-8 (RFC 5987). */
function contentDisposition(disposition: string, name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
