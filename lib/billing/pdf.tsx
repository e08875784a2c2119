import "server-only";
import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import "@/lib/pdf-fonts";
import { DOMAIN_LABELS, eurosText, type InvoiceDocument } from "@/lib/billing/statement";
import type { PdfTenant } from "@/lib/requests/pdf";

// An invoice as a PDF, or its receipt (« reçu ») once paid: what the household keeps for its
// records. Drawn from the database only (lib/billing/statement: invoiceOf).

const day = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
const INK = "#1f2937";
const MUTED = "#4b5563";
const RULE = "#d1d5db";

/** The invoice (or, with `receipt`, its receipt) as a PDF file. */
export function renderInvoicePdf(invoice: InvoiceDocument, tenant: PdfTenant, receipt: boolean): Promise<Buffer> {
  const brand = /^#[0-9a-f]{6}$/i.test(tenant.primaryColor) ? tenant.primaryColor : "#1d4ed8";
  const title = receipt ? `Reçu de paiement : facture n° ${invoice.number}` : `Facture n° ${invoice.number}`;
  const holder = `${invoice.account.firstNames} ${invoice.account.usageName ?? invoice.account.birthName}`;
  const payment = invoice.paymentItems[0]?.payment;
  return renderToBuffer(
    <Document title={title} author={tenant.officialName} creator={tenant.officialName} producer="Compte Citoyen" language="fr-FR">
      <Page size="A4" style={styles.page}>
        <View fixed style={[styles.bar, { backgroundColor: brand }]} />
        <View style={styles.header}>
          {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image of react-pdf, not an <img>: it takes no alt */}
          {tenant.logo ? <Image src={{ data: tenant.logo, format: "png" }} style={styles.logo} /> : null}
          <Text style={styles.commune}>{tenant.officialName} · {invoice.regie.name}</Text>
          {tenant.contactAddress.split(/\r?\n/).filter((l) => l.trim()).map((line, i) => <Text key={i}>{line.trim()}</Text>)}
          <Text>Téléphone : {tenant.contactPhone} · Courriel : {tenant.contactEmail}</Text>
        </View>
        <Text style={[styles.title, { color: brand }]}>{receipt ? "Reçu de paiement" : "Facture"}</Text>
        <View style={styles.facts}>
          <Text>Facture n° {invoice.number} · {DOMAIN_LABELS[invoice.domain]} · {invoice.period}</Text>
          <Text>Destinataire : {holder} (identifiant {invoice.account.identifiant})</Text>
          <Text>Émise le {day.format(invoice.issuedAt)} · à payer avant le {day.format(invoice.dueAt)}</Text>
        </View>
        <Text style={styles.heading}>{invoice.label}</Text>
        {invoice.lines.length ? (
          <View style={styles.table}>
            {invoice.lines.map((line, i) => (
              <View key={i} style={styles.row}>
                <Text style={styles.cellLabel}>{line.label}</Text>
                <Text style={styles.cell}>{line.quantity} × {eurosText(line.unitCents)}</Text>
                <Text style={styles.cell}>{eurosText(line.totalCents)}</Text>
              </View>
            ))}
          </View>
        ) : null}
        <Text style={styles.total}>Total : {eurosText(invoice.amountCents)}</Text>
        {receipt && invoice.paidAt ? (
          <View style={[styles.paid, { borderLeftColor: brand }]}>
            <Text style={{ fontWeight: 700 }}>Payée le {day.format(invoice.paidAt)} {invoice.paidVia === "GUICHET" ? "au guichet de la mairie" : "en ligne par carte bancaire"}.</Text>
            {payment ? <Text>Référence du paiement : {payment.providerRef ?? payment.id}</Text> : null}
            <Text>La {invoice.regie.name} atteste avoir reçu la somme de {eurosText(invoice.amountCents)}.</Text>
          </View>
        ) : invoice.status === "PAYEE" ? (
          <Text style={styles.note}>Cette facture est payée : son reçu se télécharge depuis « Mes comptes ».</Text>
        ) : (
          <Text style={styles.note}>À payer en ligne depuis « Mes comptes » sur le Compte Citoyen, ou au guichet de la mairie.</Text>
        )}
      </Page>
    </Document>,
  );
}

const styles = StyleSheet.create({
  page: { paddingTop: 44, paddingBottom: 56, paddingHorizontal: 48, fontFamily: ["Noto Sans", "Noto Sans Ext"], fontSize: 10, lineHeight: 1.4, color: INK },
  bar: { position: "absolute", top: 0, left: 0, right: 0, height: 6 },
  header: { color: MUTED, marginBottom: 20 },
  logo: { width: 48, height: 48, objectFit: "contain", marginBottom: 6 },
  commune: { fontSize: 13, fontWeight: 700, color: INK },
  title: { fontSize: 18, fontWeight: 700, marginBottom: 12 },
  facts: { borderTopWidth: 1, borderTopColor: RULE, paddingTop: 6, marginBottom: 12 },
  heading: { fontSize: 13, fontWeight: 700, marginTop: 6, marginBottom: 6 },
  table: { borderTopWidth: 1, borderTopColor: RULE },
  row: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: RULE, paddingVertical: 4 },
  cellLabel: { flexGrow: 1 },
  cell: { width: 110, textAlign: "right" },
  total: { marginTop: 10, fontSize: 13, fontWeight: 700, textAlign: "right" },
  paid: { marginTop: 16, borderLeftWidth: 3, paddingLeft: 10, paddingVertical: 4 },
  note: { marginTop: 16, color: MUTED },
});
