"use client";

import { Controller, get, type UseFormReturn } from "react-hook-form";
import { Choice, ChoiceGroup, SelectField, TextField } from "@/components/ui/field";
import { RichText } from "@/components/rich-text";
import { mayBeChosen, resolveDateBound, type Field } from "@/lib/procedures/definition";
import type { Answers } from "@/lib/procedures/form-schema";
import type { Person } from "@/lib/procedures/prefill";
import { FileField, type FileFieldProps } from "./file-field";

// One field of a démarche's form, drawn from its definition. Every control has a visible label,
// its help text and its error tied to it; ids are stable (champ-<name>) so that the error summary
// links to them.

/** The id of the control an error on `path` ("adresse.postalCode", "enfant") should focus. */
export function controlId(field: Field, path: string): string {
  const [, part] = path.split(".");
  if (field.type === "address") return `champ-${field.name}-${part ?? "line1"}`;
  if (["choice", "multi", "yesno", "member"].includes(field.type) && !(field.type === "choice" && field.display === "select")) return `champ-${field.name}-0`;
  return `champ-${field.name}`;
}

const AUTOCOMPLETE: Partial<Record<string, string>> = {
  "holder.firstNames": "given-name",
  "holder.lastName": "family-name",
  "holder.email": "email",
  "holder.phone": "tel",
  "holder.mobile": "tel",
  "holder.birthDate": "bday",
};

type Props = {
  field: Field;
  form: UseFormReturn<Answers>;
  people: Person[];
  files: Omit<FileFieldProps, "field" | "value" | "onChange" | "error">;
};

export function AnswerField({ field, form, people, files }: Props) {
  const { register, formState } = form;
  const errorOf = (path: string) => (get(formState.errors, path) as { message?: string } | undefined)?.message || undefined;
  const error = errorOf(field.name);
  const label = field.type !== "info" && field.required ? <>{field.label} <span className="font-normal">(obligatoire)</span></> : field.label;
  const common = { name: field.name, label, hint: field.help, error, id: `champ-${field.name}` };
  const autoComplete = field.type !== "info" && field.prefill ? AUTOCOMPLETE[field.prefill] : undefined;

  switch (field.type) {
    case "info":
      return (
        <div className="mt-4 rounded border-l-4 border-sky-700 bg-sky-50 p-4">
          <p className="font-semibold">{field.label}</p>
          <div className="mt-1"><RichText source={field.text} /></div>
        </div>
      );
    case "text":
      return <TextField {...common} {...register(field.name)} autoComplete={autoComplete} maxLength={field.maxLength ?? 200} />;
    case "email":
      return <TextField {...common} {...register(field.name)} type="email" autoComplete={autoComplete ?? "email"} spellCheck={false} />;
    case "phone":
      return <TextField {...common} {...register(field.name)} type="tel" autoComplete={autoComplete ?? "tel"} />;
    case "number":
      // A text input: "12,5" stays as typed (a number input would drop it in some browsers).
      return <TextField {...common} {...register(field.name)} inputMode="decimal" hint={numberHint(field.help, field.min, field.max)} />;
    case "date":
      return (
        <TextField
          {...common}
          {...register(field.name)}
          type="date"
          autoComplete={autoComplete}
          min={field.min ? resolveDateBound(field.min) : undefined}
          max={field.max ? resolveDateBound(field.max) : undefined}
          className="mt-1 block w-full max-w-xs rounded border border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        />
      );
    case "textarea":
      return <TextArea {...common} register={register(field.name)} maxLength={field.maxLength ?? 5000} />;
    case "choice":
      if (field.display === "select") {
        return (
          <SelectField {...common} {...register(field.name)}>
            <option value="">Choisissez…</option>
            {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </SelectField>
        );
      }
      return (
        <ChoiceGroup legend={label} hint={field.help} error={error} name={field.name}>
          {field.options.map((o, i) => (
            <Choice key={o.value} label={o.label} type="radio" value={o.value} id={`champ-${field.name}-${i}`} {...register(field.name)} />
          ))}
        </ChoiceGroup>
      );
    case "multi":
      return (
        <Controller
          control={form.control}
          name={field.name}
          render={({ field: control }) => {
            const checked = Array.isArray(control.value) ? (control.value as string[]) : [];
            return (
              <ChoiceGroup legend={label} hint={field.help} error={error} name={field.name}>
                {field.options.map((o, i) => (
                  <Choice
                    key={o.value}
                    label={o.label}
                    type="checkbox"
                    id={`champ-${field.name}-${i}`}
                    name={field.name}
                    value={o.value}
                    checked={checked.includes(o.value)}
                    onBlur={control.onBlur}
                    onChange={(e) => control.onChange(e.target.checked ? [...checked, o.value] : checked.filter((v) => v !== o.value))}
                  />
                ))}
              </ChoiceGroup>
            );
          }}
        />
      );
    case "yesno":
      return (
        <ChoiceGroup legend={label} hint={field.help} error={error} name={field.name}>
          <Choice label="Oui" type="radio" value="true" id={`champ-${field.name}-0`} {...register(field.name)} />
          <Choice label="Non" type="radio" value="false" id={`champ-${field.name}-1`} {...register(field.name)} />
        </ChoiceGroup>
      );
    case "member": {
      const eligible = people.filter((p) => mayBeChosen(field, p.relation));
      if (!eligible.length) {
        return (
          <div className="mt-4">
            <p className="font-semibold">{label}</p>
            {error ? <p className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
            {/* The error summary links here (controlId): focusable, though there is nothing to pick. */}
            <div id={`champ-${field.name}-0`} tabIndex={-1} className="mt-2 rounded border-l-4 border-amber-600 bg-amber-50 p-4">
              {field.among === "children" ? "Aucun enfant n'est déclaré dans votre foyer." : "Personne de votre foyer ne peut être choisi ici."}{" "}
              Ajoutez la personne concernée à votre foyer depuis la page <a href="/compte" className="font-semibold text-brand underline">« Compte »</a>{" "}
              (possible une fois votre compte validé par la mairie), puis revenez à cette démarche.
            </div>
          </div>
        );
      }
      return (
        <ChoiceGroup legend={label} hint={field.help ?? (field.among === "children" ? "Les enfants déclarés dans votre foyer (page « Compte »)." : "Les personnes déclarées dans votre foyer (page « Compte »).")} error={error} name={field.name}>
          <div className="flex flex-col gap-1">
            {eligible.map((p, i) => (
              <Choice
                key={p.id}
                label={`${p.firstNames} ${p.lastName}${p.relation === "TITULAIRE" ? " (vous)" : ""}`}
                type="radio"
                value={p.id}
                id={`champ-${field.name}-${i}`}
                {...register(field.name)}
              />
            ))}
          </div>
        </ChoiceGroup>
      );
    }
    case "address":
      return (
        <fieldset className="mt-4" aria-describedby={field.help ? `champ-${field.name}-aide` : undefined}>
          <legend className="font-semibold">{label}</legend>
          {field.help ? <p id={`champ-${field.name}-aide`} className="mt-1 text-sm text-slate-600">{field.help}</p> : null}
          <TextField id={`champ-${field.name}-line1`} label="Numéro et voie" error={errorOf(`${field.name}.line1`) ?? error} autoComplete="address-line1" {...register(`${field.name}.line1`)} />
          <TextField id={`champ-${field.name}-line2`} label="Complément (bâtiment, étage…), facultatif" error={errorOf(`${field.name}.line2`)} autoComplete="address-line2" {...register(`${field.name}.line2`)} />
          <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
            <TextField id={`champ-${field.name}-postalCode`} label="Code postal" inputMode="numeric" error={errorOf(`${field.name}.postalCode`)} autoComplete="postal-code" {...register(`${field.name}.postalCode`)} />
            <TextField id={`champ-${field.name}-city`} label="Commune" error={errorOf(`${field.name}.city`)} autoComplete="address-level2" {...register(`${field.name}.city`)} />
          </div>
        </fieldset>
      );
    case "file":
      return (
        <Controller
          control={form.control}
          name={field.name}
          render={({ field: control }) => (
            <FileField {...files} field={field} value={control.value as FileFieldProps["value"]} onChange={control.onChange} error={error} />
          )}
        />
      );
  }
}

function numberHint(help: string | undefined, min: number | undefined, max: number | undefined) {
  const range =
    min !== undefined && max !== undefined ? `Entre ${fr(min)} et ${fr(max)}.` : min !== undefined ? `Au moins ${fr(min)}.` : max !== undefined ? `Au plus ${fr(max)}.` : "";
  return [help, range].filter(Boolean).join(" ") || undefined;
}
const fr = (n: number) => n.toLocaleString("fr-FR");

function TextArea({
  name, label, hint, error, id, register, maxLength,
}: {
  name: string; label: React.ReactNode; hint?: string; error?: string; id: string; maxLength: number;
  register: ReturnType<UseFormReturn<Answers>["register"]>;
}) {
  const described = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-semibold">{label}</label>
      {hint ? <p id={`${id}-aide`} className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
      <textarea
        id={id}
        rows={5}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700"
        {...register}
        name={name}
      />
    </div>
  );
}
