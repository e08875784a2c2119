"use client";

import type {} from "altcha/types/react"; // JSX typing of <altcha-widget> and the global $altcha
import { useEffect, useId, useRef } from "react";

// The ALTCHA widget: a checkbox that makes the browser solve a small proof of work fetched from
// /api/captcha. Once solved, its hidden input `altcha` holds the payload that lib/captcha/captcha.ts
// verifies. No picture or sound to decipher: it works with a keyboard and a screen reader.
export const CAPTCHA_FIELD_NAME = "altcha";

const LANGUAGE = "fr";
const STRINGS = {
  label: "Je ne suis pas un robot",
  verifying: "Vérification en cours…",
  verified: "Vérification réussie",
  error: "La vérification a échoué. Cochez de nouveau la case.",
  expired: "La vérification a expiré. Cochez de nouveau la case.",
  waitAlert: "Vérification en cours, veuillez patienter.",
  verificationRequired: "Vérification requise.",
  verify: "Vérifier",
  reload: "Recommencer",
  loading: "Chargement…",
  cancel: "Annuler",
  footer: "",
  ariaLinkLabel: "ALTCHA (site officiel)",
  enterCode: "Saisissez le code",
  enterCodeAria: "Saisissez le code entendu. Appuyez sur Espace pour l'écouter.",
  enterCodeFromImage: "Pour continuer, saisissez le code de l'image ci-dessous.",
  getAudioChallenge: "Écouter le code",
};

// Options the widget reads from its `configuration` attribute (JSON).
const CONFIGURATION = JSON.stringify({
  hideFooter: true,
  hideLogo: true,
  humanInteractionSignature: false, // no pointer or scroll tracking: the proof of work is enough
  validationMessage: "Cochez la case « Je ne suis pas un robot » pour continuer.",
});

type Props = {
  /** Called with the payload once solved, and with "" when it is reset or expires (react-hook-form). */
  onChange?: (value: string) => void;
  /** A message to show under the widget, for instance the server's refusal. */
  error?: string;
};

/** To offer a new challenge after a refused submission (a payload serves once), change its `key`. */
export function CaptchaField({ onChange, error }: Props) {
  const widget = useRef<HTMLElement>(null);
  const helpId = useId();
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    const element = widget.current;
    if (!element) return;
    const onStateChange = (event: Event) => {
      const { state, payload } = (event as CustomEvent<{ state?: string; payload?: string | null }>).detail ?? {};
      onChangeRef.current?.(state === "verified" && payload ? payload : "");
    };
    // The widget renders its checkbox and label in the light DOM: point the checkbox at our help text,
    // when it appears ("load") or at once if it already has (the element was defined earlier).
    const onLoad = () => element.querySelector('input[type="checkbox"]')?.setAttribute("aria-describedby", helpId);
    element.addEventListener("statechange", onStateChange);
    element.addEventListener("load", onLoad);
    // A browser-only web component: loaded here, never during server rendering.
    import("altcha").then(() => {
      globalThis.$altcha.i18n.set(LANGUAGE, STRINGS);
      onLoad();
    });
    return () => {
      element.removeEventListener("statechange", onStateChange);
      element.removeEventListener("load", onLoad);
    };
  }, [helpId]);

  return (
    <div className="space-y-2">
      <altcha-widget
        ref={widget}
        challenge="/api/captcha"
        name={CAPTCHA_FIELD_NAME}
        language={LANGUAGE}
        auto="off"
        configuration={CONFIGURATION}
      />
      <noscript>
        <p className="text-sm">Activez JavaScript pour effectuer cette vérification : elle est nécessaire à l&apos;envoi du formulaire.</p>
      </noscript>
      <p id={helpId} className="text-sm text-slate-600">
        En cochant la case, votre navigateur résout un petit calcul (un cryptogramme) pendant quelques secondes. Il n&apos;y a rien
        à lire ni à écouter.
      </p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
