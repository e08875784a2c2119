import "server-only";
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { PersonalData } from "@/lib/accounts/personal-data";
import { euroText } from "@/lib/billing/invoice-input";
import { fileSize, frenchDateTime, longFrenchDate } from "@/lib/procedures/answer-text";
import { base, brandOf, Letterhead, MUTED, type PdfTenant, RULE, Row } from "@/lib/pdf-document";
import { inSentence } from "@/lib/text";

// « Mes données » as a PDF: the same content as the JSON file (lib/accounts/personal-data), laid
// out for a person to read, in French, like the portal's other documents.

const A4_HEIGHT = 841.89; // points
const NONE = "Non renseigné";
const when = (iso: string | null) => (iso ? frenchDateTime(iso) : NONE);

export function renderPersonalDataPdf(data: NonNullable<PersonalData>, tenant: PdfTenant): Promise<Buffer> {
  const brand = brandOf(tenant);
  const heading = { ...styles.heading, color: brand };
  const c = data.compte;
  const address = [c.adresse.ligne1, c.adresse.ligne2, `${c.adresse.codePostal} ${c.adresse.commune}`].filter(Boolean).join(", ");
  return renderToBuffer(
    <Document title="Mes données personnelles" author={tenant.officialName} creator={tenant.officialName} producer="Compte Citoyen" language="fr-FR">
      <Page size="A4" style={base.page}>
        <Letterhead tenant={tenant} />
        <Text style={styles.title}>Mes données personnelles</Text>
        <Text style={styles.intro}>
          Tout ce que la {inSentence(tenant.officialName)} conserve sur vous dans le Compte Citoyen, au {when(data.exporteLe)}. Votre mot de passe et la
          réponse à votre question de sécurité n&apos;y figurent pas : la mairie ne les connaît pas, elle n&apos;en garde qu&apos;une empreinte
          chiffrée.
        </Text>

        <Text style={heading}>Mon compte</Text>
        <Row label="Identifiant" text={c.identifiant} strong />
        <Row label="État du compte" text={c.etat + (c.motifDuRefus ? ` (motif : ${c.motifDuRefus})` : "")} />
        <Row label="Créé le" text={when(c.creeLe)} />
        <Row label="Civilité" text={c.civilite} />
        <Row label="Prénom(s)" text={c.prenoms} />
        <Row label="Nom de naissance" text={c.nomDeNaissance} />
        {c.nomDUsage ? <Row label="Nom d'usage" text={c.nomDUsage} /> : null}
        <Row label="Naissance" text={`${longFrenchDate(c.dateDeNaissance)} à ${c.lieuDeNaissance}`} />
        <Row label="Adresse" text={address} />
        <Row label="Adresse électronique" text={`${c.courriel}${c.courrielConfirmeLe ? " (confirmée)" : " (non confirmée)"}`} />
        <Row label="Téléphone fixe" text={c.telephoneFixe || NONE} />
        <Row label="Téléphone mobile" text={c.telephoneMobile ? `${c.telephoneMobile}${c.mobileConfirmeLe ? " (confirmé)" : ""}` : NONE} />
        <Row label="Messages reçus par" text={c.canalDesMessages} />
        <Row label="Question de sécurité" text={c.questionDeSecurite} />
        {c.suppressionDemandeeLe ? <Row label="Suppression demandée le" text={when(c.suppressionDemandeeLe)} /> : null}

        <Text style={heading} minPresenceAhead={40}>Mon foyer</Text>
        {data.foyer.length ? data.foyer.map((m, i) => (
          <Row key={i} label={m.lien.charAt(0).toUpperCase() + m.lien.slice(1)} text={`${m.prenoms} ${m.nom}, né${m.sexe === "F" ? "e" : ""} le ${longFrenchDate(m.dateDeNaissance)}`} />
        )) : <Text>Aucun membre déclaré.</Text>}

        <Text style={heading} minPresenceAhead={40}>Mes demandes ({data.demandes.length})</Text>
        {data.demandes.length ? null : <Text>Aucune demande.</Text>}
        {data.demandes.map((r, i) => (
          <View key={i} style={styles.block}>
            <Text style={styles.blockTitle} minPresenceAhead={40}>{r.numero ? `Demande ${r.numero}` : "Brouillon"} : {r.demarche}</Text>
            <Row label="État" text={r.etat} />
            <Row label={r.envoyeeLe ? "Envoyée le" : "Commencée le"} text={when(r.envoyeeLe ?? r.creeeLe)} />
            {r.clotureeLe ? <Row label="Clôturée le" text={`${when(r.clotureeLe)} (conservée ${r.dureeDeConservationMois} mois après la clôture)`} /> : null}
            {r.personneConcernee ? <Row label="Personne concernée" text={r.personneConcernee} /> : null}
            {r.reponses.flatMap((s) => s.reponses).map((a, j) => <Row key={j} label={a.question} text={a.reponse} />)}
            {r.piecesJointes.map((p, j) => <Row key={`p${j}`} label="Pièce jointe" text={`${p.nom} (${fileSize(p.tailleOctets)})`} />)}
            {r.historique.map((e, j) => (
              <Row key={`h${j}`} label={when(e.date)} text={`${e.de === e.vers ? "Message" : e.vers} (${e.par})${e.message ? ` : ${e.message}` : ""}`} />
            ))}
          </View>
        ))}

        <Text style={heading} minPresenceAhead={80}>Messages que la mairie m&apos;a envoyés ({data.messages.length})</Text>
        {data.messages.length ? null : <Text>Aucun message.</Text>}
        {data.messages.map((m, i) => (
          <View key={i} style={styles.block} wrap={false}>
            <Text style={base.strong}>{when(m.date)} · {m.canal} à {m.destinataire} · {m.etat}</Text>
            <Text>{m.objet}</Text>
            <Text style={styles.message}>{m.texte}</Text>
          </View>
        ))}

        <Text style={heading} minPresenceAhead={40}>Mes factures ({data.factures.length})</Text>
        {data.factures.length ? null : <Text>Aucune facture.</Text>}
        {data.factures.map((f, i) => (
          <Row key={i} label={`N° ${f.numero} · ${f.regie}`} text={`${f.libelle}${f.periode ? ` (${f.periode})` : ""} : ${euroText(f.montantCentimes)}, ${f.etat}${f.payeeLe ? ` le ${when(f.payeeLe)}` : ""}`} />
        ))}

        <Text style={heading} minPresenceAhead={40}>Mes paiements ({data.paiements.length})</Text>
        {data.paiements.length ? null : <Text>Aucun paiement.</Text>}
        {data.paiements.map((p, i) => (
          <Row key={i} label={when(p.date)} text={`${euroText(p.montantCentimes)} à la ${p.regie}, ${p.moyen} : ${p.etat}${p.factures.length ? ` (factures ${p.factures.map((f) => f.numero).join(", ")})` : ""}`} />
        ))}

        <View fixed style={styles.footer}>
          <Text>{tenant.officialName} · Mes données · {c.identifiant}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} sur ${totalPages}`} />
        </View>
      </Page>
    </Document>,
  );
}


const styles = StyleSheet.create({
  title: { fontSize: 18, fontWeight: 700, marginBottom: 8 },
  intro: { color: MUTED, marginBottom: 6 },
  heading: { fontSize: 13, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  block: { marginBottom: 10, borderTopWidth: 1, borderTopColor: RULE, paddingTop: 4 },
  blockTitle: { fontWeight: 700, marginBottom: 2 },
  message: { marginTop: 2, paddingLeft: 10 },
  footer: { position: "absolute", top: A4_HEIGHT - 36, left: 48, right: 48, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: MUTED },
});
