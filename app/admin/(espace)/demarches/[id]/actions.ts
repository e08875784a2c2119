"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guarded, TECHNICAL_MESSAGE } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import * as z from "zod";
import { BUILDER_CONFLICT, editForm, publishProcedure, saveProcedureDetails, unpublishProcedure } from "@/lib/procedures/builder";
import { addField, addStep, earlierFields, fieldFromForm, moveField, moveStep, removeField, removeStep, updateField, updateStep, type FieldForm } from "@/lib/procedures/builder-ops";
import { formOf, formText, formInt } from "@/lib/form-input";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// The actions of one démarche's page in the builder. Each names the revision the page was read at
// (hidden input): an edit from a stale page is refused with a message, never applied over another.

/** `at` tells each answer apart: the form is drawn anew with it (see builder-forms). */
export type EditState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: FieldForm; at: number } | null;

const text = (formData: FormData, key: string, max = 300) => formText(formData, key, max);
/** The démarche's id, as a uuid or not at all: it goes into the address the action returns to. */
const idOf = (formData: FormData): string => {
  const id = text(formData, "id", 40);
  return z.uuid().safeParse(id).success ? id : "";
};

/** Every input of the form, repeated ones (the accepted formats) as lists: kept when refused. */
function valuesOf(formData: FormData): FieldForm {
  const values: FieldForm = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$")) continue; // Next's own inputs
    const all = formData.getAll(key).map((v) => String(v).slice(0, 12_000));
    values[key] = key === "accept" ? all : all[0];
  }
  return values;
}

/** « Enregistrer la présentation ». */
export async function saveDetailsAction(_previous: EditState, sent: unknown): Promise<EditState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = valuesOf(formData);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const id = idOf(formData);
  const input = {
    title: text(formData, "title"), summary: text(formData, "summary", 1000), preparation: text(formData, "preparation", 6000),
    processingDays: text(formData, "processingDays", 12), retentionMonths: text(formData, "retentionMonths", 12) || "12", themeId: text(formData, "themeId", 40),
    requiresAccount: formData.get("requiresAccount") === "on", captcha: formData.get("captcha") === "on", concernsMember: formData.get("concernsMember") === "on",
  };
  const result = await guarded("procedure details", tenant, () => saveProcedureDetails(agent, tenant, id, formInt(formData, "revision"), input, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  redirect(`/admin/demarches/${id}?fait=presentation#presentation`);
}

/** « Ajouter une étape », « Enregistrer l'étape », « Ajouter le champ ». */
export async function stepAction(_previous: EditState, sent: unknown): Promise<EditState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = valuesOf(formData);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const id = idOf(formData);
  const step = formInt(formData, "step");
  const act = text(formData, "acte", 20);
  const title = text(formData, "title");
  const result = await guarded("procedure step", tenant, () =>
    editForm(agent, tenant, id, formInt(formData, "revision"), (working) =>
      act === "ajouter-etape" ? addStep(working, title)
      : act === "ajouter-champ" ? addField(working, step, text(formData, "type", 20), text(formData, "label"))
      : updateStep(working, step, { title, help: text(formData, "help", 2000) }),
    act === "ajouter-etape" ? "ajouter une étape" : act === "ajouter-champ" ? "ajouter un champ" : "modifier une étape", ip),
  );
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  const anchor = act === "ajouter-etape" ? "formulaire-fin" : `etape-${step + 1}`;
  redirect(`/admin/demarches/${id}?fait=${act === "ajouter-champ" ? "champ-ajoute" : "etape"}#${anchor}`);
}

/** « Enregistrer le champ »: the field as the form describes it, checked like the citizen form will use it. */
export async function saveFieldAction(_previous: EditState, sent: unknown): Promise<EditState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = valuesOf(formData);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const id = idOf(formData);
  const step = formInt(formData, "step");
  const index = formInt(formData, "field");
  const result = await guarded("procedure field", tenant, () =>
    editForm(agent, tenant, id, formInt(formData, "revision"), (working) => {
      const target = earlierFields(working, step, index).find((f) => f.name === values.conditionField);
      if (values.conditionField && !target) return { ok: false, message: "Ce champ est à corriger.", fieldErrors: { condition: "La condition porte sur une question placée avant celle-ci : choisissez-en une dans la liste." } };
      const field = fieldFromForm(values, target);
      return field.ok ? updateField(working, step, index, field.field) : field;
    }, "modifier un champ", ip),
  );
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  redirect(`/admin/demarches/${id}?fait=champ#etape-${step + 1}`);
}

const ARRANGE_AUDIT: Record<string, string> = {
  "monter-etape": "monter une étape", "descendre-etape": "descendre une étape", "supprimer-etape": "supprimer une étape",
  "monter-champ": "monter un champ", "descendre-champ": "descendre un champ", "supprimer-champ": "supprimer un champ",
};

const ARRANGE_ACT = z.enum(["monter-etape", "descendre-etape", "supprimer-etape", "monter-champ", "descendre-champ", "supprimer-champ"]);

const ARRANGE = {
  "monter-etape": (s: number) => (w: Parameters<typeof moveStep>[0]) => moveStep(w, s, "haut"),
  "descendre-etape": (s: number) => (w: Parameters<typeof moveStep>[0]) => moveStep(w, s, "bas"),
  "supprimer-etape": (s: number) => (w: Parameters<typeof moveStep>[0]) => removeStep(w, s),
} as const;
const ARRANGE_FIELD = {
  "monter-champ": (s: number, f: number) => (w: Parameters<typeof moveStep>[0]) => moveField(w, s, f, "haut"),
  "descendre-champ": (s: number, f: number) => (w: Parameters<typeof moveStep>[0]) => moveField(w, s, f, "bas"),
  "supprimer-champ": (s: number, f: number) => (w: Parameters<typeof moveStep>[0]) => removeField(w, s, f),
} as const;

/** « Monter », « Descendre », « Supprimer » a step or a field (plain forms: they work without JavaScript). */
export async function arrangeAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = idOf(formData);
  const chosen = ARRANGE_ACT.safeParse(formData.get("acte"));
  const act = chosen.success ? chosen.data : "";
  const step = formInt(formData, "step");
  const field = formInt(formData, "field");
  const edit = Object.hasOwn(ARRANGE, act) ? ARRANGE[act as keyof typeof ARRANGE](step)
    : Object.hasOwn(ARRANGE_FIELD, act) ? ARRANGE_FIELD[act as keyof typeof ARRANGE_FIELD](step, field)
    : null;
  if (!edit || !id) redirect(id ? `/admin/demarches/${id}` : "/admin/demarches");
  const result = await guarded("procedure arrange", tenant, () => editForm(agent, tenant, id, formInt(formData, "revision"), edit, ARRANGE_AUDIT[act]!, ip));
  // Where the element now is: the step it moved to, or the form's top after a removal.
  const moved = act.startsWith("monter") ? -1 : act.startsWith("descendre") ? 1 : 0;
  const anchor = act.endsWith("etape") ? (moved ? `etape-${step + 1 + moved}` : "formulaire") : `etape-${step + 1}`;
  if (result.ok) redirect(`/admin/demarches/${id}?fait=${act.startsWith("supprimer") ? "supprime" : "deplace"}#${anchor}`);
  const code = result.message === BUILDER_CONFLICT ? "conflit"
    : result.message === TECHNICAL_MESSAGE ? "incident"
    : act === "supprimer-champ" && result.message?.startsWith("« ") ? "condition"
    : act === "supprimer-etape" && result.message?.startsWith("Un formulaire garde") ? "derniere-etape"
    : "introuvable";
  redirect(`/admin/demarches/${id}?erreur=${code}#${anchor}`);
}

/** « Publier »: a new version, or a refusal that says what to fix. */
export async function publishAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = idOf(formData);
  const result = await guarded("procedure publish", tenant, () => publishProcedure(agent, tenant, id, formInt(formData, "revision"), ip));
  if (result.ok) redirect(`/admin/demarches/${id}?fait=publiee&version=${result.data.number}#publication`);
  redirect(`/admin/demarches/${id}?erreur=${result.message === BUILDER_CONFLICT ? "conflit" : result.message === TECHNICAL_MESSAGE ? "incident" : "publication"}#publication`);
}

/** « Retirer du catalogue ». */
export async function unpublishAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  const ip = clientAddress(await headers());
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = idOf(formData);
  const result = await guarded("procedure unpublish", tenant, () => unpublishProcedure(agent, tenant, id, ip));
  redirect(`/admin/demarches/${id}?${result.ok ? "fait=retiree" : "erreur=introuvable"}#publication`);
}
