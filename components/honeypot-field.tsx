import { useId, type ComponentProps } from "react";

// A trap for robots that fill every field they find: moved off screen (not display:none, which
// many robots skip), hidden from assistive technologies and out of the tab order, so people never
// meet it. A filled value is refused on the server with isHoneypotFilled (lib/captcha/captcha.ts).
export const HONEYPOT_FIELD_NAME = "website";

const offScreen = { position: "absolute", left: "-10000px", top: "auto", width: 1, height: 1, overflow: "hidden" } as const;

type Props = Omit<ComponentProps<"input">, "id" | "type" | "tabIndex" | "autoComplete">;

/** Accepts react-hook-form's `register(HONEYPOT_FIELD_NAME)` props; a plain form needs none. */
export function HoneypotField(props: Props) {
  const id = useId();
  return (
    <div aria-hidden="true" style={offScreen}>
      <label htmlFor={id}>Site web (laissez ce champ vide)</label>
      <input name={HONEYPOT_FIELD_NAME} {...props} id={id} type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
