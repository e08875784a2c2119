"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Choice, ChoiceGroup, TextField } from "@/components/ui/field";
import { saveAgent, type AgentFormState } from "./actions";

type Agent = { id: string; email: string; firstNames: string; lastName: string; role: string; active: boolean; serviceIds: string[] };

/** An agent's identity, role, services and (for an existing agent) activity. */
export function AgentForm({ agent, services, self = false }: { agent?: Agent; services: { id: string; name: string }[]; self?: boolean }) {
  const [state, action, pending] = useActionState<AgentFormState, FormData>(saveAgent, null);
  const v = state?.values;
  const e = state?.fieldErrors ?? {};
  const text = (name: "email" | "firstNames" | "lastName") => (v ? String(v[name] ?? "") : agent?.[name] ?? "");
  const role = v ? String(v.role) : agent?.role ?? "AGENT";
  const chosen = v ? (v.services as string[]) : agent?.serviceIds ?? [];
  const active = v ? v.active === "on" : agent?.active ?? true;
  return (
    <form action={action} noValidate className="mt-4">
      {agent ? <input type="hidden" name="agentId" value={agent.id} /> : null}
      {state && !state.ok ? <ErrorSummary message={state.message} errors={e} fieldIds={{ email: "agent-email", firstNames: "agent-prenom", lastName: "agent-nom", role: "agent-role-0", services: "agent-service-0" }} /> : null}
      {agent ? <p className="mt-2"><span className="font-semibold">Adresse électronique :</span> {agent.email}</p> : <TextField id="agent-email" name="email" type="email" label="Adresse électronique professionnelle" defaultValue={text("email")} error={e.email} />}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="agent-prenom" name="firstNames" label="Prénom" defaultValue={text("firstNames")} error={e.firstNames} />
        <TextField id="agent-nom" name="lastName" label="Nom" defaultValue={text("lastName")} error={e.lastName} />
      </div>
      <ChoiceGroup legend="Rôle" name="role" error={e.role}>
        <Choice type="radio" id="agent-role-0" name="role" value="AGENT" label="Agent : instruit les demandes de ses services, valide les comptes" defaultChecked={role === "AGENT"} disabled={self} />
        <Choice type="radio" id="agent-role-1" name="role" value="ADMIN" label="Administrateur : tous les services, les agents et le journal d'audit" defaultChecked={role === "ADMIN"} disabled={self} />
      </ChoiceGroup>
      {self ? <input type="hidden" name="role" value="ADMIN" /> : null}
      <ChoiceGroup legend="Services" hint="Un agent voit et instruit les demandes des thèmes de ses services." name="services" error={e.services}>
        <div className="grid sm:grid-cols-2">
          {services.map((s, i) => <Choice key={s.id} type="checkbox" id={`agent-service-${i}`} name="services" value={s.id} label={s.name} defaultChecked={chosen.includes(s.id)} />)}
        </div>
      </ChoiceGroup>
      {agent && !self ? (
        <div className="mt-4"><Choice type="checkbox" id="agent-actif" name="active" label="Accès actif (décocher ferme ses sessions et bloque sa connexion)" defaultChecked={active} /></div>
      ) : agent ? <input type="hidden" name="active" value="on" /> : null}
      <Button type="submit" className="mt-6" disabled={pending}>{agent ? "Enregistrer" : "Ajouter l'agent et l'inviter"}</Button>
    </form>
  );
}
