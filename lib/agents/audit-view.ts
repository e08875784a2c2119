import "server-only";
import type { Agent } from "@/lib/agents/session";
import { listAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";

/** What each recorded action means, for the audit page's filter and rows. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "compte.consulter": "Consultation d'un compte",
  "compte.valider": "Validation d'un compte",
  "compte.refuser": "Refus d'un compte",
  "compte.supprimer": "Suppression d'un compte à la demande du titulaire",
  "compte.suppression-refuser": "Refus d'une demande de suppression de compte",
  "demande.statut": "Changement de statut d'une demande",
  "demande.message": "Message d'information au demandeur",
  "demande.rappel": "Rappel programmé",
  "demande.note": "Note interne",
  "demande.attribuer": "Attribution d'une demande",
  "piece.recue": "Pièce reçue au guichet",
  "piece.ouvrir": "Ouverture d'une pièce justificative",
  "demandes.exporter": "Export de demandes (CSV)",
  "compte.code": "Code de la mairie pour un mot de passe",
  "compte.creer": "Compte créé au guichet",
  "demande.guichet": "Démarche saisie au guichet",
  "agent.creer": "Agent ajouté",
  "agent.modifier": "Agent modifié",
  "agent.reinitialiser": "Accès d'un agent réinitialisé",
  "agent.mot-de-passe": "Agent : mot de passe choisi",
  "agent.resume": "Agent : fréquence du résumé",
  "commune.creer": "Commune créée, premier administrateur invité",
  "commune.identite": "Identité et couleurs de la commune",
  "commune.textes": "Textes légaux de la commune",
  "commune.faq": "Questions fréquentes",
  "commune.adresse-ajouter": "Adresse du portail ajoutée",
  "commune.adresse-principale": "Adresse principale changée",
  "commune.adresse-retirer": "Adresse du portail retirée",
  "commune.reglages": "Réglages du portail (brouillons, factures, SMS, expéditeur)",
  "commune.theme": "Thème du catalogue",
  "commune.demarche": "Démarche (présentation, formulaire, publication)",
  "commune.logo": "Logo de la commune",
  "regie.creer": "Régie ajoutée",
  "regie.modifier": "Régie modifiée",
  "regie.paiement": "Mode de paiement d'une régie changé",
  "regie.deplacer": "Ordre des régies changé",
  "paiement.reussi": "Paiement en ligne réussi",
  "paiement.fin": "Paiement en ligne terminé sans succès (refusé, abandonné, expiré)",
  "factures.import": "Import de factures (fichier CSV ou logiciel de facturation)",
  "facture.guichet": "Facture marquée payée au guichet",
  "paiements.exporter": "Export des paiements (CSV)",
  "cle-api.creer": "Clé d'accès pour la facturation créée",
  "cle-api.revoquer": "Clé d'accès pour la facturation révoquée",
  "citoyen.echec": "Citoyen : échec de connexion ou de vérification",
  "citoyen.mot-de-passe": "Citoyen : mot de passe changé",
};

/**
 * One page of the commune's audit log, filtered by action, agent and object (a request's number or
 * an account's id), with the agents named (one more query, whatever the page).
 */
export async function auditPage(agent: Agent, filters: { action?: string; agent?: string; objet?: string; before?: string }) {
  const action = filters.action && filters.action in AUDIT_ACTIONS ? filters.action : undefined;
  const agents = await db.agent.findMany({ where: { tenantId: agent.tenantId }, orderBy: [{ lastName: "asc" }, { firstNames: "asc" }], select: { id: true, firstNames: true, lastName: true } });
  const actorId = agents.some((a) => a.id === filters.agent) ? filters.agent : undefined;
  const targetId = filters.objet?.trim().slice(0, 100) || undefined;
  const { events, next } = await listAudit(agent.tenantId, { action, actorId, targetId, before: filters.before?.slice(0, 100) });
  const names = new Map(agents.map((a) => [a.id, `${a.firstNames} ${a.lastName}`]));
  // Accounts named by their identifiant (one more query, whatever the page).
  const accountIds = [...new Set(events.filter((e) => e.targetType === "Compte" || e.targetType === "Account").map((e) => e.targetId!))];
  const accounts = accountIds.length
    ? new Map((await db.account.findMany({ where: { tenantId: agent.tenantId, id: { in: accountIds } }, select: { id: true, identifiant: true } })).map((a) => [a.id, a.identifiant]))
    : new Map<string, string>();
  return {
    action,
    actorId,
    targetId,
    next,
    agents: agents.map((a) => ({ id: a.id, name: `${a.firstNames} ${a.lastName}` })),
    events: events.map((e) => ({
      id: e.id, createdAt: e.createdAt, action: AUDIT_ACTIONS[e.action] ?? e.action, target: targetOf(e.targetType, e.targetId, names, accounts),
      who: e.actorKind === "AGENT" ? names.get(e.actorId ?? "") ?? "Agent supprimé" : e.actorKind === "CITOYEN" ? "Citoyen" : "Système",
      ip: e.ip ?? "",
    })),
  };
}

/** What an event is about, in words, with the page to open it when there is one. */
function targetOf(type: string | null, id: string | null, agents: Map<string, string>, accounts: Map<string, string>): { label: string; href?: string } {
  if (!type || !id) return { label: "" };
  if (type === "Demande") return { label: `Demande ${id}`, href: `/admin/demandes/${encodeURIComponent(id)}` };
  // "Account": rows written before the log spoke French.
  if (type === "Compte" || type === "Account") return { label: `Compte ${accounts.get(id) ?? "supprimé"}`, href: accounts.has(id) ? `/admin/comptes/${id}` : undefined };
  if (type === "Agent") return { label: `Agent ${agents.get(id) ?? "supprimé"}`, href: agents.has(id) ? `/admin/agents/${id}` : undefined };
  if (type === "Régie") return { label: "Régie", href: `/admin/regies#regie-${id}` };
  if (type === "Facture") return { label: "Facture", href: `/admin/factures/${id}` };
  if (type === "Clé d'accès") return { label: "Clé d'accès pour la facturation", href: "/admin/parametres/api" };
  return { label: type };
}
