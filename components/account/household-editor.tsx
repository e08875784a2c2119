"use client";

import { useEffect, useRef, useState } from "react";
import { householdGroups, formatDate, relationLabel } from "@/components/account/format";
import { FormFeedback, useMarkSubmitted } from "@/components/forms/form-feedback";
import { MemberForm, type MemberValues } from "@/components/account/member-form";
import { TECHNICAL_ERROR } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/forms";

export type Member = { id: string; kind: string; relation: string; firstNames: string; lastName: string; birthDate: string; sex: string };

type Open = { type: "edit" | "remove"; id: string } | { type: "add"; relation: "CONJOINT" | "ENFANT" } | null;

/**
 * « Mon foyer » of « Modifier mon compte »: the adults then the children, each with « Modifier »
 * (its form opens in place) and « Retirer » (after a confirmation), and the two ways to add
 * someone. One form is open at a time.
 */
export function HouseholdEditor({
  members, familyName, saveMember, removeMember,
}: {
  members: Member[];
  /** Pre-fills the name of a new member. */
  familyName: string;
  saveMember: (input: unknown) => Promise<ActionResult>;
  removeMember: (memberId: unknown) => Promise<ActionResult>;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const removalRunning = useRef(false); // a double click sends one removal
  const status = useRef<HTMLDivElement>(null);
  // Where the focus goes back once a form closes: the button that opened it, or the message.
  const focusAfter = useRef<string | null>(null);
  const markSubmitted = useMarkSubmitted("foyer");
  const { adults, children } = householdGroups(members);

  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    (target === "status" ? status.current : document.getElementById(target))?.focus();
  });

  function openForm(next: Open) {
    setDone(null);
    setRefusal(null);
    setOpen(next);
  }
  function close(returnTo: string) {
    setOpen(null);
    focusAfter.current = returnTo;
  }
  function saved(message: string) {
    setDone(message);
    close("status");
  }
  async function confirmRemoval(id: string) {
    if (removalRunning.current) return;
    removalRunning.current = true;
    setRemoving(true);
    markSubmitted();
    try {
      const answer = await removeMember(id);
      if (answer.ok) saved(answer.message ?? "La personne ne fait plus partie de votre foyer.");
      else setRefusal(answer.message ?? "Cette personne n'a pas pu être retirée.");
    } catch {
      setRefusal(TECHNICAL_ERROR);
    } finally {
      removalRunning.current = false;
      setRemoving(false);
    }
  }

  const form = (title: string, initial: MemberValues, returnTo: string) => (
    <MemberForm title={title} initial={initial} action={saveMember} onSaved={saved} onCancel={() => close(returnTo)} />
  );

  function row(member: Member) {
    const name = `${member.firstNames} ${member.lastName}`;
    const holder = member.relation === "TITULAIRE";
    const editing = open?.type === "edit" && open.id === member.id;
    const confirming = open?.type === "remove" && open.id === member.id;
    return (
      <li key={member.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="font-semibold">{name}</p>
            <p className="text-slate-700">
              {relationLabel(member.relation, member.sex)} · né{member.sex === "F" ? "e" : ""} le {formatDate(member.birthDate)}
            </p>
          </div>
          {holder ? (
            <p className="text-sm text-slate-700 sm:max-w-64">Vous : vos coordonnées se modifient ci-dessus, votre état civil auprès de la mairie.</p>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button id={`modifier-${member.id}`} variant="secondary" onClick={() => openForm({ type: "edit", id: member.id })} aria-expanded={editing}>
                Modifier<span className="sr-only"> {name}</span>
              </Button>
              <Button id={`retirer-${member.id}`} variant="secondary" onClick={() => openForm({ type: "remove", id: member.id })} aria-expanded={confirming}>
                Retirer<span className="sr-only"> {name}</span>
              </Button>
            </div>
          )}
        </div>
        {editing
          ? form(`Modifier ${name}`, { id: member.id, relation: member.relation as MemberValues["relation"], firstNames: member.firstNames, lastName: member.lastName, birthDate: member.birthDate, sex: member.sex as MemberValues["sex"] }, `modifier-${member.id}`)
          : null}
        {confirming ? (
          <ConfirmRemoval name={name} busy={removing} refusal={refusal} onConfirm={() => confirmRemoval(member.id)} onCancel={() => close(`retirer-${member.id}`)} />
        ) : null}
      </li>
    );
  }

  return (
    <section aria-labelledby="titre-foyer" className="mt-10">
      <h2 id="titre-foyer" className="text-2xl font-bold">Mon foyer</h2>
      <p className="mt-2 text-slate-700">
        Les personnes de votre foyer pour qui vous faites des démarches. Chaque modification s&apos;enregistre avec son bouton « Sauver ».
      </p>
      <div role="status" ref={status} tabIndex={-1} className="outline-none">
        {done ? <Notice tone="success">{done}</Notice> : null}
      </div>

      <h3 className="mt-6 text-xl font-bold">Adultes</h3>
      <ul className="mt-3 space-y-3">{adults.map(row)}</ul>
      {open?.type === "add" && open.relation === "CONJOINT" ? (
        form("Ajouter un adulte", { relation: "CONJOINT", firstNames: "", lastName: familyName, birthDate: "", sex: "" }, "ajouter-adulte")
      ) : (
        <Button id="ajouter-adulte" variant="secondary" className="mt-3" onClick={() => openForm({ type: "add", relation: "CONJOINT" })}>
          Ajouter un adulte
        </Button>
      )}

      <h3 className="mt-8 text-xl font-bold">Enfants</h3>
      {children.length ? <ul className="mt-3 space-y-3">{children.map(row)}</ul> : <p className="mt-2 text-slate-700">Aucun enfant déclaré.</p>}
      {open?.type === "add" && open.relation === "ENFANT" ? (
        form("Ajouter un enfant", { relation: "ENFANT", firstNames: "", lastName: familyName, birthDate: "", sex: "" }, "ajouter-enfant")
      ) : (
        <Button id="ajouter-enfant" variant="secondary" className="mt-3" onClick={() => openForm({ type: "add", relation: "ENFANT" })}>
          Ajouter un enfant
        </Button>
      )}
    </section>
  );
}

function ConfirmRemoval({ name, busy, refusal, onConfirm, onCancel }: { name: string; busy: boolean; refusal: string | null; onConfirm: () => void; onCancel: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} role="group" aria-labelledby="titre-retrait" className="mt-3 rounded-lg border-2 border-red-700 bg-red-50 p-4">
      <p id="titre-retrait" className="font-semibold">Retirer {name} de votre foyer ?</p>
      <p className="mt-1 text-slate-800">Vous ne pourrez plus faire de démarche pour cette personne. Vous pourrez l&apos;ajouter de nouveau plus tard.</p>
      <FormFeedback form="foyer" result={refusal ? { ok: false, message: refusal } : null} errors={{}} fieldIds={{}} success={false} />
      <div className="mt-4 flex flex-wrap gap-3">
        <Button variant="danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Retrait…" : "Confirmer"}<span className="sr-only"> le retrait de {name}</span>
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>Annuler</Button>
      </div>
    </div>
  );
}
