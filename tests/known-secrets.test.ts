// @ts-expect-error: a plain ESM module shared with scripts/test.mjs, without type declarations.
import { findSecrets } from "./known-secrets.mjs";

describe("findSecrets", () => {
  it("finds each kind of secret in a log line, and nothing in ordinary technical lines", () => {
    const log = [
      JSON.stringify({ level: "info", msg: "login.failed", tenant: "sete", reason: "password" }),
      JSON.stringify({ level: "error", msg: "x", body: "password=demo-compte-citoyen-2026" }),
      "GET /mot-de-passe-oublie/AbCdEfGhIjKlMnOpQrStUv 200",
      JSON.stringify({ key: "cc_" + "a".repeat(40) }),
      "Cookie: cc.session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.abcdefghijklmno",
      "$argon2id$v=19$m=19456",
      "réponse : Médor",
    ].join("\n");
    const found = findSecrets(log);
    expect(found).toEqual([
      "ligne 2 : « demo-compte-citoyen-2026 »",
      "ligne 3 : lien à usage unique",
      "ligne 4 : clé d'API",
      "ligne 5 : jeton de session (JWT/JWE)",
      "ligne 6 : empreinte de mot de passe",
      "ligne 7 : « Médor »",
    ]);
    expect(findSecrets('{"msg":"server.request","path":"/mot-de-passe-oublie/…","status":200}')).toEqual([]);
  });
});
