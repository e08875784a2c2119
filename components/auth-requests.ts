// next-auth's sign-in and sign-out as its client library sends them (v4: a CSRF token, then a form
// with json=true, for an answer in JSON rather than a redirect), without that library: it would add
// 10 kB gzip to the commune's home page, where the sign-in form is, and the sign-out button is in
// every page.

async function csrfToken(): Promise<string> {
  const answer = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  return answer.csrfToken;
}

function post(path: string, fields: Record<string, string>) {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, json: "true" }),
  });
}

/**
 * Signs in with the credentials provider (lib/auth/options). Resolves to null once signed in, or to
 * the code lib/auth/options gave for a refusal ("CredentialsSignin", "attente:120", "refuse"…);
 * a network failure rejects.
 */
export async function signInWithPassword(identifiant: string, password: string): Promise<string | null> {
  const response = await post("/api/auth/callback/credentials", { identifiant, password, csrfToken: await csrfToken(), callbackUrl: window.location.href });
  const { url } = (await response.json()) as { url?: string };
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : "autre";
  return response.ok && error === null ? null : error || "autre";
}

/** Ends the session (the server bumps the account's session version: every other session ends too). */
export async function signOut(): Promise<void> {
  await post("/api/auth/signout", { csrfToken: await csrfToken(), callbackUrl: "/" });
}
