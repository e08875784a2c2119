"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

// The session ends after 30 minutes without activity. While the citizen is active (typing,
// clicking, opening pages), the cookie is refreshed at most every 5 minutes; 5 minutes before the
// end, a dialog offers « Rester connecté » (RGAA 2.2.1: the user can extend a time limit), which
// renews the session on the server. Ignored, the session ends and the login page says so, then
// brings the person back to the page they were on.
const IDLE_MS = 30 * 60_000;
const WARN_BEFORE_MS = 5 * 60_000;
const REFRESH_EVERY_MS = 5 * 60_000;

export function SessionKeeper({
  idleMs = IDLE_MS, warnBeforeMs = WARN_BEFORE_MS, sessionUrl = "/api/auth/session", loginUrl = "/connexion",
}: {
  idleMs?: number;
  warnBeforeMs?: number;
  /** Answers { expires } while the session is alive, and renews it (citizens: next-auth's; agents: /api/admin/session). */
  sessionUrl?: string;
  loginUrl?: string;
}) {
  const pathname = usePathname();
  const router = useRouter();
  // Set by the first refresh, right after mounting.
  const lastRefresh = useRef(0);
  const expiresAt = useRef(Number.POSITIVE_INFINITY);
  const [warning, setWarning] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Where the focus was when the warning took it: it goes back there once the session is extended.
  const before = useRef<HTMLElement | null>(null);
  const [minutesLeft, setMinutesLeft] = useState(0);

  const expired = useCallback(
    () => router.replace(`${loginUrl}?expiree=1&retour=${encodeURIComponent(window.location.pathname + window.location.search)}`),
    [router, loginUrl],
  );

  const refresh = useCallback(async () => {
    lastRefresh.current = Date.now();
    const res = await fetch(sessionUrl, { cache: "no-store" }).catch(() => null);
    const body = res?.ok ? ((await res.json().catch(() => null)) as { expires?: string } | null) : null;
    if (!body?.expires) return expired();
    expiresAt.current = Date.now() + idleMs;
    setWarning(false);
  }, [idleMs, expired, sessionUrl]);

  // Activity keeps the session alive, without a request on every keystroke.
  useEffect(() => {
    const onActivity = () => {
      if (!warning && Date.now() - lastRefresh.current > REFRESH_EVERY_MS) void refresh();
    };
    const events = ["keydown", "pointerdown", "scroll"] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, onActivity));
  }, [refresh, warning]);

  // Opening a page is activity too. On the first render the cookie's age is unknown: refresh it so
  // this clock and the server's agree.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current || Date.now() - lastRefresh.current > REFRESH_EVERY_MS) void refresh();
    mounted.current = true;
  }, [pathname, refresh]);

  useEffect(() => {
    const timer = setInterval(() => {
      const left = expiresAt.current - Date.now();
      if (left <= 0) expired();
      else if (left <= warnBeforeMs) {
        setMinutesLeft(Math.ceil(left / 60_000));
        setWarning(true);
      }
    }, 1_000);
    return () => clearInterval(timer);
  }, [warnBeforeMs, expired]);

  useEffect(() => {
    if (warning) {
      before.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      button.current?.focus();
    } else if (before.current) {
      before.current.focus();
      before.current = null;
    }
  }, [warning]);

  if (!warning) return null;
  return (
    <div role="alertdialog" aria-modal="false" aria-labelledby="session-titre" aria-describedby="session-texte"
      className="fixed inset-x-2 bottom-2 z-50 mx-auto max-w-lg rounded-lg border-2 border-amber-600 bg-white p-5 shadow-xl">
      <h2 id="session-titre" className="text-lg font-bold">Votre session va bientôt expirer</h2>
      <p id="session-texte" className="mt-2">
        Sans activité, vous serez déconnecté dans {minutesLeft > 1 ? `${minutesLeft} minutes` : "moins d'une minute"}. Ce que
        vous avez déjà enregistré est conservé.
      </p>
      <button ref={button} type="button" onClick={() => void refresh()}
        className="mt-4 min-h-11 rounded bg-brand px-5 py-2 font-semibold text-white">
        Rester connecté
      </button>
    </div>
  );
}
