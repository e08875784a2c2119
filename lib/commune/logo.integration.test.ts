import sharp from "sharp";
import type { StaffActor } from "@/lib/agents/scope";
import { logoForDocuments, logoPng, logoPngOfCommune, LOGO_MAX_BYTES, removeLogo, uploadLogo } from "@/lib/commune/logo";
import { db } from "@/lib/db";
import { resolveHost } from "@/lib/tenancy/resolve";
import { createFullTenant } from "@/tests/factories";

// The commune's logo: whatever comes in is redrawn as a PNG, and nothing an SVG carries survives.

const staff = (tenant: { id: string }, role: "ADMIN" | "AGENT" = "ADMIN"): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role, serviceIds: [] });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const svg = (inner: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">${inner}</svg>`);

describe("uploadLogo", () => {
  it("redraws an SVG as a PNG the portal serves at once; its script is gone", async () => {
    const tenant = await createFullTenant({ hosts: ["logo.localhost"] });
    await resolveHost("logo.localhost"); // cached before the change
    const upload = svg(`<rect width="40" height="20" fill="#1d4ed8"/><script>alert(document.cookie)</script><a href="#haut"><circle cx="5" cy="5" r="4" onclick="alert(1)"/></a>`);
    expect(await uploadLogo(staff(tenant), tenant, upload, "192.0.2.4")).toEqual({ ok: true });

    const png = (await logoPng(tenant.id))!;
    expect([...png.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(png.includes("script")).toBe(false);
    const { width, height, format } = await sharp(png).metadata();
    // Drawn large and sharp, within 256 px, its proportions kept (to the pixel).
    expect({ width, format }).toEqual({ width: 256, format: "png" });
    expect(Math.abs(height! - 128)).toBeLessThanOrEqual(1);
    const seen = await resolveHost("logo.localhost");
    expect(seen.kind === "tenant" && seen.tenant.logoUrl).toMatch(/^\/logo\.png\?v=[0-9a-f]{12}$/);
    expect(await logoForDocuments({ id: tenant.id, logoUrl: seen.kind === "tenant" ? seen.tenant.logoUrl : null })).toEqual(png);
    expect(await db.auditEvent.findFirst({ where: { tenantId: tenant.id, action: "commune.logo" }, select: { ip: true } })).toEqual({ ip: "192.0.2.4" });
    // The platform's list of communes asks for it by slug, on its own address.
    const { slug } = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { slug: true } });
    expect(await logoPngOfCommune(slug)).toEqual(png);
    expect(await logoPngOfCommune("inconnue")).toBeNull();
    expect(await logoPngOfCommune("x".repeat(100_000))).toBeNull();

    expect(await removeLogo(staff(tenant), tenant)).toEqual({ ok: true });
    expect(await logoPng(tenant.id)).toBeNull();
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).logoUrl).toBeNull();
  });

  it("draws a large SVG drawing as readily as a small one", async () => {
    const tenant = await createFullTenant();
    const large = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="1200"><rect width="2400" height="1200" fill="#0b6e4f"/></svg>`);
    expect(await uploadLogo(staff(tenant), tenant, large)).toEqual({ ok: true });
    expect((await sharp((await logoPng(tenant.id))!).metadata()).width).toBe(256);
  });

  it("keeps a small PNG's size and shrinks a large one", async () => {
    const tenant = await createFullTenant();
    const large = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#0b6e4f" } }).png().toBuffer();
    expect(await uploadLogo(staff(tenant), tenant, new Uint8Array(large))).toEqual({ ok: true });
    expect((await sharp((await logoPng(tenant.id))!).metadata()).width).toBe(256);
    const small = await sharp({ create: { width: 48, height: 48, channels: 4, background: "#ffffff00" } }).png().toBuffer();
    expect(await uploadLogo(staff(tenant), tenant, new Uint8Array(small))).toEqual({ ok: true });
    expect((await sharp((await logoPng(tenant.id))!).metadata()).width).toBe(48);
  });

  it("refuses what it cannot redraw safely, in French, keeping the logo it had", async () => {
    const tenant = await createFullTenant();
    const first = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000000" } }).png().toBuffer();
    await uploadLogo(staff(tenant), tenant, new Uint8Array(first));
    const kept = await logoPng(tenant.id);
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode("GIF89a……"), /PNG ou SVG/],
      [new Uint8Array(0), /Choisissez le fichier/],
      [new Uint8Array(LOGO_MAX_BYTES + 1).fill(0x20), /512 Ko/],
      [svg(`<image href="file:///etc/passwd" width="10" height="10"/>`), /ressources extérieures/],
      [svg(`<rect style="fill:url(https://exemple.fr/x.svg#a)" width="4" height="4"/>`), /ressources extérieures/],
      [new TextEncoder().encode(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`), /entités/],
      [new Uint8Array([...PNG_SIGNATURE, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), /n'a pas pu être lu/],
    ];
    for (const [bytes, message] of cases) {
      const result = await uploadLogo(staff(tenant), tenant, bytes);
      expect(result).toMatchObject({ ok: false, fieldErrors: { logo: expect.stringMatching(message) } });
    }
    expect(await logoPng(tenant.id)).toEqual(kept);
  });

  it("is for the commune's own admins: an agent or another commune's admin changes nothing", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    const png = new Uint8Array(await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000000" } }).png().toBuffer());
    expect(await uploadLogo(staff(tenant, "AGENT"), tenant, png)).toMatchObject({ ok: false });
    expect(await uploadLogo(staff(other), tenant, png)).toMatchObject({ ok: false });
    expect(await removeLogo(staff(other), tenant)).toMatchObject({ ok: false });
    expect(await db.tenantLogo.count({ where: { tenantId: { in: [tenant.id, other.id] } } })).toBe(0);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).logoUrl).toBe((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).logoUrl);
  });
});
