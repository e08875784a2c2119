import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { AUDIT_ACTIONS, auditPage } from "@/lib/agents/audit-view";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";

export const metadata: Metadata = { title: "Journal d'audit" };

type Search = Promise<{ action?: string; agent?: string; objet?: string; avant?: string }>;

/** Who did what, newest first: for the commune's admins. */
export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const agent = await requireAgent("audit.voir");
  const search = await searchParams;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const { events, next, action, actorId, targetId, agents } = await auditPage(agent, { action: str(search.action), agent: str(search.agent), objet: str(search.objet), before: str(search.avant) });
  const kept = { ...(action ? { action } : {}), ...(actorId ? { agent: actorId } : {}), ...(targetId ? { objet: targetId } : {}) };
  const more = next ? `/admin/journal?${new URLSearchParams({ ...kept, avant: next })}` : null;
  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Journal d&apos;audit</nav>
      <h1 className="mt-2 text-3xl font-bold">Journal d&apos;audit</h1>
      <form method="get" role="search" aria-label="Filtrer le journal" className="mt-4 flex flex-wrap items-end gap-4">
        <SelectField name="action" id="journal-action" label="Action" defaultValue={action ?? ""}>
          <option value="">Toutes</option>
          {Object.entries(AUDIT_ACTIONS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </SelectField>
        <SelectField name="agent" id="journal-agent" label="Agent" defaultValue={actorId ?? ""}>
          <option value="">Tous</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </SelectField>
        <TextField name="objet" id="journal-objet" label="Objet" hint="Numéro de demande, par exemple BCZ-2026-000123" defaultValue={targetId ?? ""} />
        <Button type="submit">Filtrer</Button>
      </form>
      {events.length ? (
        <div className="mt-6 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">Actions enregistrées, les plus récentes d&apos;abord</caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Date</th><th scope="col" className="p-2">Qui</th><th scope="col" className="p-2">Action</th>
              <th scope="col" className="p-2">Objet</th><th scope="col" className="p-2">Adresse IP</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-slate-200">
                <td className="p-2">{frenchDateTime(e.createdAt)}</td><td className="p-2">{e.who}</td><td className="p-2">{e.action}</td>
                <td className="p-2">{e.target.href ? <Link href={e.target.href} className="text-brand underline">{e.target.label}</Link> : e.target.label}</td><td className="p-2">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : (
        <p className="mt-6">Aucune action enregistrée{action ? " pour ce filtre" : ""}.</p>
      )}
      {more ? <p className="mt-4"><Link href={more} className="font-semibold text-brand underline">Actions plus anciennes</Link></p> : null}
    </div>
  );
}
