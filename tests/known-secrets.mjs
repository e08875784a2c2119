// What the tests type, hold or are given that must never reach a log line: the passwords, security
// answers, second-factor secret and keys of the demo and of the suites, and the shapes of the secrets
// the app draws itself (API keys, session tokens, password hashes, single-use links). scripts/test.mjs
// captures every log line of the run (Jest and the e2e server, every level) and looks for these.

export const KNOWN_SECRETS = [
  // Passwords (demo data, factories, e2e journeys).
  "demo-compte-citoyen-2026", "demo-agent-compte-citoyen-2026", "agent-tampon-registre-9", "cheval-agrafe-batterie-7",
  "girafe-violon-nuage-42", "lanterne-bocage-riviere-58", "lanterne-voilier-marmotte-31", "plume-girafe-horizon-42",
  "registre-tampon-mairie-84",
  // Security answers.
  "Médor", "Rue des Lilas", "Caramel", "Kerichen", "Les Tilleuls", "Piscine Aquavita",
  // The demo agents' TOTP secret, Stripe's test key and webhook secret, the demo signing secret.
  "JBSWY3DPEHPK3PXP", "sk_test_compte_citoyen", "whsec_test_compte_citoyen", "compte-citoyen-demo-secret-not-for-production-use",
];

export const SECRET_SHAPES = [
  { name: "clé d'API", pattern: /\bcc_[A-Za-z0-9_-]{40}\b/ },
  { name: "jeton de session (JWT/JWE)", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: "empreinte de mot de passe", pattern: /\$argon2(id|i|d)\$/ },
  { name: "lien à usage unique", pattern: /\/(mot-de-passe-oublie|confirmer-mon-adresse|bienvenue|nouveau-mot-de-passe)\/[A-Za-z0-9_-]{16,}/ },
  { name: "en-tête Authorization", pattern: /Bearer\s+[A-Za-z0-9_.-]{16,}/ },
];

/** The findings in a log text: one line per secret found, naming the secret and the log line number. */
export function findSecrets(text) {
  const found = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    for (const secret of KNOWN_SECRETS) if (line.includes(secret)) found.push(`ligne ${i + 1} : « ${secret} »`);
    for (const { name, pattern } of SECRET_SHAPES) if (pattern.test(line)) found.push(`ligne ${i + 1} : ${name}`);
  });
  return found;
}
