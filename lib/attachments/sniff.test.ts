import { sniffKind } from "@/lib/attachments/sniff";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("sniffKind", () => {
  it("recognises PDF, JPEG and PNG by their magic numbers", () => {
    expect(sniffKind(bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toBe("pdf");
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF"))).toBe("jpeg");
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe1], "Exif"))).toBe("jpeg");
    expect(sniffKind(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR"))).toBe("png");
  });

  it("refuses everything else, whatever the file is called", () => {
    expect(sniffKind(bytes("MZ\x90\x00\x03"))).toBeNull(); // a Windows program
    expect(sniffKind(bytes("\x7fELF"))).toBeNull();
    expect(sniffKind(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffKind(bytes("<!DOCTYPE html><html>"))).toBeNull();
    expect(sniffKind(bytes("PK\x03\x04"))).toBeNull(); // zip, docx
    expect(sniffKind(bytes("GIF89a"))).toBeNull();
    expect(sniffKind(bytes(" %PDF-1.4"))).toBeNull(); // the signature must come first
    expect(sniffKind(bytes("%PDF"))).toBeNull(); // too short to be a PDF header
    expect(sniffKind(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull(); // a truncated PNG signature
    expect(sniffKind(new Uint8Array())).toBeNull();
  });
});
