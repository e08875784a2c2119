import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

// Form fields with a visible label, an optional hint and an error, all tied to the control for
// screen readers (aria-describedby, aria-invalid). The id is the name unless given.

type Common = { label: ReactNode; hint?: ReactNode; error?: string; name: string };

const control =
  "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
}

function Help({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? <p id={`${id}-aide`} className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
    </>
  );
}

/** The given id, or one made unique on the page from the field's name. */
function useFieldId(name: string, id?: string) {
  const generated = useId();
  return id ?? `${name.replace(/\W/g, "-")}-${generated.replace(/:/g, "")}`;
}

export function TextField({ label, hint, error, name, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = useFieldId(name, id);
  return (
    <div className="mt-4">
      <label htmlFor={fieldId} className="block font-semibold">{label}</label>
      <Help id={fieldId} hint={hint} error={error} />
      <input id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} className={control} {...input} />
    </div>
  );
}

export function SelectField({ label, hint, error, name, id, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const fieldId = useFieldId(name, id);
  return (
    <div className="mt-4">
      <label htmlFor={fieldId} className="block font-semibold">{label}</label>
      <Help id={fieldId} hint={hint} error={error} />
      <select id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} className={control} {...select}>
        {children}
      </select>
    </div>
  );
}

/** Radio buttons or checkboxes under one legend. */
export function ChoiceGroup({ legend, hint, error, name, children }: { legend: ReactNode; hint?: ReactNode; error?: string; name: string; children: ReactNode }) {
  const id = `${name.replace(/\W/g, "-")}-groupe`;
  return (
    <fieldset className="mt-4" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <Help id={id} hint={hint} error={error} />
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">{children}</div>
    </fieldset>
  );
}

export function Choice({ label, ...input }: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="inline-flex min-h-11 items-center gap-2">
      <input className="h-5 w-5 accent-brand" {...input} />
      <span>{label}</span>
    </label>
  );
}
