import "server-only";
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { base, brandOf, Letterhead, MUTED, type PdfTenant, RULE, Row } from "@/lib/pdf-document";
import { fileSize, frenchDateTime } from "@/lib/procedures/answer-text";
import type { RequestDetail } from "@/lib/requests/detail";
import { statusLabel } from "@/lib/requests/status";

// The PDF récapitulatif of a request, from the same DTO as its page: what the citizen keeps or
// prints. Rendered on the server by @react-pdf/renderer (Next loads it from node_modules, never
// bundled: it is on Next's built-in list of server external packages).

const PIECE_STATES: Record<RequestDetail["pieces"][number]["state"], string> = {
  "en ligne": "Déposée en ligne",
  "sur papier": "À fournir sur papier",
  "reçue": "Reçue sur papier par la mairie",
  manquante: "Non fournie",
};
const ACTOR_NAMES: Record<RequestDetail["events"][number]["actor"], string> = {
  vous: "par vous",
  "la mairie": "par la mairie",
  système: "automatiquement",
};
const DECISION_TITLES: Record<NonNullable<RequestDetail["decision"]>["status"], string> = {
  ACCEPTEE: "Votre demande est acceptée",
  REFUSEE: "Votre demande est refusée",
  SANS_SUITE: "Votre demande est classée sans suite",
};

/** The récapitulatif as a PDF file. `now` is the printing date shown on it. */
export function renderRequestPdf(detail: RequestDetail, tenant: PdfTenant, now = new Date()): Promise<Buffer> {
  return renderToBuffer(<Recapitulatif detail={detail} tenant={tenant} printedAt={now} />);
}

const A4_HEIGHT = 841.89; // points

function Recapitulatif({ detail, tenant, printedAt }: { detail: RequestDetail; tenant: PdfTenant; printedAt: Date }) {
  // Resolved tenants carry a checked #rrggbb colour; this file is a document that must render anyway.
  const brand = brandOf(tenant);
  const heading = { ...styles.heading, color: brand };
  return (
    <Document
      title={`Récapitulatif de la demande ${detail.numero}`}
      author={tenant.officialName}
      subject={detail.title}
      creator={tenant.officialName}
      producer="Compte Citoyen"
      language="fr-FR"
    >
      <Page size="A4" style={base.page}>
        <Letterhead tenant={tenant} />

        <Text style={styles.title}>Récapitulatif de votre demande</Text>
        <View style={styles.facts}>
          <Row label="Numéro de la demande" text={detail.numero} strong />
          <Row label="Démarche" text={detail.title} />
          <Row label="Envoyée le" text={frenchDateTime(detail.submittedAt)} />
          {detail.member && <Row label="Personne concernée" text={`${detail.member.firstNames} ${detail.member.lastName}`} />}
          <Row label="Statut actuel" text={statusLabel(detail.status)} strong />
          <Row label="Délai de traitement annoncé" text={detail.processingDays === 1 ? "1 jour" : `${detail.processingDays} jours`} />
          <Row label="Document imprimé le" text={frenchDateTime(printedAt)} />
        </View>

        {detail.decision && (
          <View style={[styles.decision, { borderColor: brand }]} wrap={false}>
            <Text style={base.strong}>{DECISION_TITLES[detail.decision.status]}</Text>
            {detail.decision.motif && <Text>Motif : {detail.decision.motif}</Text>}
          </View>
        )}

        <Text style={heading}>Vos réponses</Text>
        {detail.sections.map((section, i) => (
          <View key={i} style={styles.section}>
            <Text style={styles.sectionTitle} minPresenceAhead={40}>{section.title}</Text>
            {section.items.map((item, j) => (
              <Row key={j} label={item.label} text={item.text} />
            ))}
          </View>
        ))}

        {detail.pieces.length > 0 && (
          <View>
            <Text style={heading} minPresenceAhead={40}>Pièces justificatives</Text>
            {detail.pieces.map((piece) => (
              <Row
                key={piece.field}
                label={piece.label}
                text={piece.fileName ? `${PIECE_STATES[piece.state]} : ${piece.fileName}${piece.size ? ` (${fileSize(piece.size)})` : ""}` : PIECE_STATES[piece.state]}
              />
            ))}
          </View>
        )}

        <Text style={heading} minPresenceAhead={40}>Historique de la demande</Text>
        {detail.events.map((event, i) => (
          <View key={i} style={styles.event}>
            <Text style={base.strong}>
              {frenchDateTime(event.at)} : {event.from === event.to ? "Message" : statusLabel(event.to)} ({ACTOR_NAMES[event.actor]})
            </Text>
            {event.publicMessage && <Text style={styles.message}>{event.publicMessage}</Text>}
          </View>
        ))}

        <View fixed style={styles.footer}>
          <Text>
            {tenant.officialName} · Demande {detail.numero}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} sur ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}


const styles = StyleSheet.create({
  title: { fontSize: 18, fontWeight: 700, marginBottom: 12 },
  facts: { borderTopWidth: 1, borderTopColor: RULE, paddingTop: 6, marginBottom: 12 },
  decision: { borderLeftWidth: 3, paddingLeft: 10, paddingVertical: 4, marginBottom: 12 },
  heading: { fontSize: 13, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  section: { marginBottom: 8 },
  sectionTitle: { fontWeight: 700, marginBottom: 2, borderBottomWidth: 1, borderBottomColor: RULE, paddingBottom: 2 },
  event: { marginBottom: 6 },
  message: { marginTop: 1, paddingLeft: 10 },
  // Placed from the top: react-pdf leaves out page numbers placed with `bottom` (4.9).
  footer: { position: "absolute", top: A4_HEIGHT - 36, left: 48, right: 48, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: MUTED },
});
