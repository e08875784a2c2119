import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { StaffActor } from "@/lib/agents/scope";
import { can } from "@/lib/agents/permissions";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { clearTenantCache, type Tenant } from "@/lib/tenancy/resolve";

// The commune's logo, uploaded by its admins as a PNG or an SVG. Whatever comes in is redrawn as a
// PNG of at most LOGO_SIZE pixels, and only that PNG is kept and served: an SVG's scripts, links
// and styles never reach a browser, an email or a PDF. The portal shows it from /logo.png (with
// the picture's hash in the address, so a new logo is never hidden by a cache).

export const LOGO_MAX_BYTES = 512 * 1024;
const LOGO_SIZE = 256;
const NOT_FOUND = "Commune introuvable.";

type Sniffed = "png" | "svg" | null;

/** PNG by its signature; SVG by its root element (after an optional XML declaration, doctype and comments). */
export function sniffLogo(bytes: Uint8Array): Sniffed {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return "png";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, "");
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>]/i.test(head) ? "svg" : null;
}

/**
 * What an SVG may not carry even to be redrawn: entity declarations (they can read local files),
 * and references outside the document (a picture or a style fetched from a file or the network).
 */
export function svgProblem(text: string): string | null {
  if (/<!ENTITY|<!DOCTYPE[^>]*\[/i.test(text)) return "Ce fichier SVG déclare des entités XML : enregistrez-le de nouveau depuis votre logiciel de dessin, en SVG simple.";
  const hrefs = [...text.matchAll(/(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]!.trim());
  const urls = [...text.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1]!.trim());
  if ([...hrefs, ...urls].some((ref) => ref && !ref.startsWith("#"))) {
    return "Ce fichier SVG fait appel à des images ou des ressources extérieures : incorporez-les au dessin, ou envoyez le logo en PNG.";
  }
  if (/<(?:image|foreignObject)\b/i.test(text)) return "Ce fichier SVG contient une image ou un contenu HTML intégré : envoyez le logo en PNG.";
  return null;
}

/** The picture redrawn as a PNG that fits LOGO_SIZE × LOGO_SIZE, or a French reason why not. */
export async function rasterizeLogo(bytes: Uint8Array): Promise<{ ok: true; png: Buffer } | { ok: false; message: string }> {
  if (bytes.length === 0) return { ok: false, message: "Choisissez le fichier du logo." };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, message: "Le logo pèse plus de 512 Ko : réduisez-le (un logo de 512 pixels de côté suffit)." };
  const kind = sniffLogo(bytes);
  if (!kind) return { ok: false, message: "Le logo doit être une image PNG ou SVG." };
  if (kind === "svg") {
    const problem = svgProblem(new TextDecoder().decode(bytes));
    if (problem) return { ok: false, message: problem };
  }
  try {
    // An SVG is drawn at the density that makes its larger side about twice LOGO_SIZE, whatever
    // size it declares (a 2000-pixel drawing would otherwise exceed the pixel limit).
    let density: number | undefined;
    if (kind === "svg") {
      const { width = LOGO_SIZE, height = LOGO_SIZE } = await sharp(bytes).metadata();
      density = Math.min(600, Math.max(1, (72 * 2 * LOGO_SIZE) / Math.max(width, height, 1)));
    }
    const png = await sharp(bytes, { density, limitInputPixels: 40_000_000 })
      .resize(LOGO_SIZE, LOGO_SIZE, { fit: "inside", withoutEnlargement: kind === "png" })
      .png()
      .toBuffer();
    return { ok: true, png };
  } catch {
    return { ok: false, message: "Ce fichier n'a pas pu être lu comme une image : enregistrez-le de nouveau en PNG ou SVG." };
  }
}

const mayConfigure = (actor: StaffActor, tenant: Pick<Tenant, "id">) => actor.tenantId === tenant.id && can(actor.role, "commune.configurer");

/** « Envoyer le logo »: redrawn, kept, shown at once by the portal, its emails and PDFs. */
export async function uploadLogo(actor: StaffActor, tenant: Tenant, bytes: Uint8Array, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant)) return { ok: false, message: NOT_FOUND };
  const drawn = await rasterizeLogo(bytes);
  if (!drawn.ok) return { ok: false, message: drawn.message, fieldErrors: { logo: drawn.message } };
  const version = createHash("sha256").update(drawn.png).digest("hex").slice(0, 12);
  const png = new Uint8Array(drawn.png);
  await db.$transaction(async (tx) => {
    await tx.tenantLogo.upsert({ where: { tenantId: actor.tenantId }, create: { tenantId: actor.tenantId, png }, update: { png } });
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { logoUrl: `/logo.png?v=${version}` } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.logo", ip, details: { acte: "envoyer", octets: bytes.length } });
  });
  clearTenantCache();
  return { ok: true };
}

/** « Retirer le logo »: the portal shows the commune's initials instead. */
export async function removeLogo(actor: StaffActor, tenant: Tenant, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant)) return { ok: false, message: NOT_FOUND };
  await db.$transaction(async (tx) => {
    await tx.tenantLogo.deleteMany({ where: { tenantId: actor.tenantId } });
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { logoUrl: null } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.logo", ip, details: { acte: "retirer" } });
  });
  clearTenantCache();
  return { ok: true };
}

/** The uploaded logo's PNG, for /logo.png. */
export async function logoPng(tenantId: string): Promise<Buffer | null> {
  const logo = await db.tenantLogo.findUnique({ where: { tenantId }, select: { png: true } });
  return logo ? Buffer.from(logo.png) : null;
}

/**
 * The uploaded logo of the commune named by its slug, for the platform's list of communes: served on
 * the platform's own address, so its page loads no image from elsewhere (its CSP allows 'self' only).
 */
export async function logoPngOfCommune(slug: string): Promise<Buffer | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const logo = await db.tenantLogo.findFirst({ where: { tenant: { slug } }, select: { png: true } });
  return logo ? Buffer.from(logo.png) : null;
}

const PUBLIC_LOGOS = new Map<string, Promise<Buffer | null>>();

/**
 * The logo as PNG bytes for a PDF: the uploaded one, or a logo shipped in public/ (the demo
 * communes'), redrawn once per process. Null when there is none or it cannot be read.
 */
export async function logoForDocuments(tenant: Pick<Tenant, "id" | "logoUrl">): Promise<Buffer | null> {
  if (!tenant.logoUrl) return null;
  if (tenant.logoUrl.startsWith("/logo.png")) return logoPng(tenant.id);
  const local = /^\/communes\/[a-z0-9-]+\.(?:svg|png)$/.exec(tenant.logoUrl);
  if (!local) return null;
  if (!PUBLIC_LOGOS.has(local[0])) {
    PUBLIC_LOGOS.set(local[0], readFile(path.join(process.cwd(), "public", local[0])).then(async (bytes) => {
      const drawn = await rasterizeLogo(bytes);
      return drawn.ok ? drawn.png : null;
    }).catch(() => null));
  }
  return PUBLIC_LOGOS.get(local[0])!;
}
