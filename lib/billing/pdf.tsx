import "server-only";
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { euroText } from "@/lib/billing/invoice-input";
import { DOMAIN_LABELS, type InvoiceDocument } from "@/lib/billing/statement";
import { base, brandOf, Letterhead, MUTED, type PdfTenant, RULE } from "@/lib/pdf-document";

// An invoice as a PDF, or its receipt (« reçu ») once paid: what the household keeps for its
// records. Drawn from the database only (lib/billing/statement: invoiceOf).

const day = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

/** The invoice (or, with `receipt`, its receipt) as a PDF file. */
export function renderInvoicePdf(invoice: InvoiceDocument, tenant: PdfTenant, receipt: boolean): Promise<Buffer> {
  const brand = brandOf(tenant);
  const title = receipt ? `Reçu de paiement : facture n° ${invoice.number}` : `Facture n° ${invoice.number}`;
  const holder = `${invoice.account.firstNames} ${invoice.account.usageName ?? invoice.account.birthName}`;
  const payment = invoice.paymentItems[0]?.payment;
  return renderToBuffer(
    <Document title={title} author={tenant.officialName} creator={tenant.officialName} producer="Compte Citoyen" language="fr-FR">
      <Page size="A4" style={base.page}>
        <Letterhead tenant={tenant} name={`${tenant.officialName} · ${invoice.regie.name}`} />
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
                <Text style={styles.cell}>{line.quantity} × {euroText(line.unitCents)}</Text>
                <Text style={styles.cell}>{euroText(line.totalCents)}</Text>
              </View>
            ))}
          </View>
        ) : null}
        <Text style={styles.total}>Total : {euroText(invoice.amountCents)}</Text>
        {receipt && invoice.paidAt ? (
          <View style={[styles.paid, { borderLeftColor: brand }]}>
            <Text style={{ fontWeight: 700 }}>Payée le {day.format(invoice.paidAt)} {invoice.paidVia === "GUICHET" ? "au guichet de la mairie" : "en ligne par carte bancaire"}.</Text>
            {payment ? <Text>Référence du paiement : {payment.providerRef ?? payment.id}</Text> : null}
            <Text>La {invoice.regie.name} atteste avoir reçu la somme de {euroText(invoice.amountCents)}.</Text>
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
