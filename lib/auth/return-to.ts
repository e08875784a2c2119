/** Only a path of this site may follow the login (never another site: no open redirect). */
export function safeReturn(value: string | null | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/accueil";
}
