import "server-only";
import { Image, StyleSheet, Text, View } from "@react-pdf/renderer";
import "@/lib/pdf-fonts";
import type { Tenant } from "@/lib/tenancy/resolve";

// What every PDF of the portal shares (récapitulatif of a request, invoice and receipt, « Mes
// données »): the commune's letterhead under a bar of its colour, the page, the ink, and the
// label/value rows.

export type PdfTenant = Pick<Tenant, "officialName" | "contactAddress" | "contactPhone" | "contactEmail" | "primaryColor"> & {
  /** The commune's logo as PNG bytes (lib/commune/logo: logoForDocuments), when it has one. */
  logo?: Buffer | null;
};

const INK = "#1f2937";
export const MUTED = "#4b5563";
export const RULE = "#d1d5db";

/** The commune's colour, or the portal's blue if what is stored is not a plain hex colour. */
export const brandOf = (tenant: Pick<PdfTenant, "primaryColor">) => (/^#[0-9a-f]{6}$/i.test(tenant.primaryColor) ? tenant.primaryColor : "#1d4ed8");

export const base = StyleSheet.create({
  page: { paddingTop: 44, paddingBottom: 56, paddingHorizontal: 48, fontFamily: ["Noto Sans", "Noto Sans Ext"], fontSize: 10, lineHeight: 1.4, color: INK },
  bar: { position: "absolute", top: 0, left: 0, right: 0, height: 6 },
  header: { color: MUTED, marginBottom: 20 },
  logo: { width: 48, height: 48, objectFit: "contain", marginBottom: 6 },
  commune: { fontSize: 13, fontWeight: 700, color: INK },
  row: { flexDirection: "row", paddingVertical: 2 },
  label: { width: "38%", paddingRight: 10, color: MUTED },
  value: { width: "62%" },
  strong: { fontWeight: 700 },
});

/** The bar of the commune's colour on every page, then its logo, name (`name`, if more) and contacts. */
export function Letterhead({ tenant, name = tenant.officialName }: { tenant: PdfTenant; name?: string }) {
  return (
    <>
      <View fixed style={[base.bar, { backgroundColor: brandOf(tenant) }]} />
      <View style={base.header}>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image of react-pdf, not an <img>: it takes no alt */}
        {tenant.logo ? <Image src={{ data: tenant.logo, format: "png" }} style={base.logo} /> : null}
        <Text style={base.commune}>{name}</Text>
        {tenant.contactAddress.split(/\r?\n/).filter((line) => line.trim()).map((line, i) => <Text key={i}>{line.trim()}</Text>)}
        <Text>Téléphone : {tenant.contactPhone} · Courriel : {tenant.contactEmail}</Text>
      </View>
    </>
  );
}

/** A label and its value side by side. */
export function Row({ label, text, strong = false }: { label: string; text: string; strong?: boolean }) {
  return (
    <View style={base.row}>
      <Text style={base.label}>{label}</Text>
      <Text style={strong ? [base.value, base.strong] : base.value}>{text}</Text>
    </View>
  );
}
