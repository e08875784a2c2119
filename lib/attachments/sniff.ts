import type { FILE_KINDS } from "@/lib/procedures/definition";

// What a file is, read from its first bytes. The name, the extension and the MIME type the browser
// declares are the citizen's device talking (or an attacker): a "facture.pdf" can be a program or an
// HTML page. Only the magic number of the content decides, and only three kinds are ever accepted.

export type FileKind = (typeof FILE_KINDS)[number];

const SIGNATURES: { kind: FileKind; bytes: number[] }[] = [
  { kind: "pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  { kind: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The MIME type each kind is served with (never the one the browser declared at upload). */
export const KIND_MIME: Record<FileKind, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" };

/** The extension a downloaded file of each kind ends with. */
export const KIND_EXTENSION: Record<FileKind, string> = { pdf: ".pdf", jpeg: ".jpg", png: ".png" };

/** pdf, jpeg or png by the content's first bytes; anything else (SVG, HTML, programs, archives…) is null. */
export function sniffKind(bytes: Uint8Array): FileKind | null {
  for (const { kind, bytes: signature } of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return kind;
  }
  return null;
}
