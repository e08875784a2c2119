/**
 * Only a path of this site may follow the login (never another site: no open redirect). The value is
 * resolved the way a browser would (tabs and newlines dropped, backslashes as slashes), then kept only
 * if it stays on this origin.
 */
export function safeReturn(value: string | null | undefined): string {
  if (!value || !value.startsWith("/")) return "/accueil";
  try {
    const base = "http://site.invalid";
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/accueil";
  } catch {
    return "/accueil";
  }
}
