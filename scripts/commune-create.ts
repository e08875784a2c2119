// `npm run commune:create -- --name "Nom" --host nom.exemple.fr --admin-email admin@mairie.fr [options]`:
// how the operator of the deployment adds a commune (lib/commune/create.ts does the work), then
// prints the link its first admin opens to choose a password. Exit codes: 0 done, 1 refused (an
// address or a code already used) or failed, 2 wrong arguments.
// Database: DATABASE_URL; without it, the embedded PostgreSQL of `npm run dev` (started here the same
// way when the dev server is not running). Run with node -r ./scripts/server-only.cjs --import tsx,
// like the worker: lib/ is TypeScript.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabase, startEmbedded, withClient, type Embedded } from "./pg.mjs";

const USAGE = `Utilisation :
  npm run commune:create -- --name "Nom" --host nom.exemple.fr --admin-email prenom.nom@mairie.fr [options]

Crée une commune : son adresse, ses thèmes et services, ses textes légaux et sa FAQ de départ, et son
premier administrateur, à qui vous transmettez le lien affiché pour qu'il choisisse son mot de passe.

Obligatoires :
  --name "Nom"                      le nom de la commune, affiché en tête du portail
  --host nom.exemple.fr             l'adresse (nom de domaine) du portail de la commune
  --admin-email adresse             l'adresse électronique du premier administrateur

Facultatives :
  --code ABC                        les trois lettres qui préfixent les numéros des demandes
                                    (par défaut : tirées du nom, libres parmi les communes)
  --official-name "Mairie de Nom"   le nom officiel (par défaut : « Mairie de <Nom> »)
  --admin-first-name Prénom         le prénom de l'administrateur (par défaut : « Administrateur »)
  --admin-last-name Nom             son nom (par défaut : « principal »)
  --help                            cette aide

Base de données : celle de DATABASE_URL ; sans DATABASE_URL, la base embarquée de « npm run dev ».`;

const OPTIONS = {
  name: { type: "string" },
  host: { type: "string" },
  "admin-email": { type: "string" },
  code: { type: "string" },
  "official-name": { type: "string" },
  "admin-first-name": { type: "string" },
  "admin-last-name": { type: "string" },
  help: { type: "boolean" },
} as const;

/** The option each field of createCommune's input comes from, to name it in messages. */
const FIELD_OPTIONS: Record<string, string> = {
  name: "--name", host: "--host", adminEmail: "--admin-email", code: "--code",
  officialName: "--official-name", adminFirstNames: "--admin-first-name", adminLastName: "--admin-last-name",
};

function printUsageError(lines: string[]) {
  for (const line of lines) console.error(`Erreur : ${line}`);
  console.error(`\n${USAGE}`);
}

function usageError(lines: string[]): never {
  printUsageError(lines);
  process.exit(2);
}

function readArguments() {
  try {
    return parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what = /'([^']+)'/.exec(error instanceof Error ? error.message : "")?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") usageError([`option inconnue : ${what}.`]);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") usageError([`l'option ${what.split(" ")[0]} attend une valeur.`]);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") usageError([`argument inattendu : « ${what} » (mettez entre guillemets un nom qui contient des espaces).`]);
    usageError(["arguments illisibles."]);
  }
}

/** The database of DATABASE_URL, or the embedded one of `npm run dev` (started here if it is not running). */
async function connectDatabase(): Promise<Embedded | null> {
  if (process.env.DATABASE_URL) return null;
  const root = path.resolve(__dirname, "..");
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  process.env.EMBEDDED_DATABASE = "1";
  const running = `postgresql://postgres:postgres@127.0.0.1:${port}/compte_citoyen`;
  const reachable = await withClient(running, (c) => c.query("SELECT 1")).then(() => true, () => false);
  if (reachable) {
    process.env.DATABASE_URL = running;
    return null;
  }
  console.log(`PostgreSQL embarqué (données dans .data/pg, port ${port})…`);
  const embedded = await startEmbedded({ dir: path.join(root, ".data", "pg"), port });
  try {
    await ensureDatabase(embedded.adminUrl, "compte_citoyen");
    process.env.DATABASE_URL = embedded.urlFor("compte_citoyen");
    // As `npm run dev` does at each start: the schema is up to date before anything is written.
    const migrate = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], { cwd: root, env: process.env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`Échec de « prisma migrate deploy ».\n${migrate.stdout}${migrate.stderr}`);
    return embedded;
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

async function main(): Promise<number> {
  const args = readArguments();
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = (["name", "host", "admin-email"] as const).filter((o) => !args[o]?.trim()).map((o) => `--${o}`);
  if (missing.length) usageError([`${missing.length > 1 ? "options obligatoires manquantes" : "option obligatoire manquante"} : ${missing.join(", ")}.`]);

  const embedded = await connectDatabase();
  // Links open on this machine in development and demo mode, as scripts/run.mjs sets them: http and
  // the port of the dev server. PUBLIC_PROTOCOL and PUBLIC_PORT, when given, say otherwise.
  const localHost = /\.localhost$/i.test(args.host!.trim().replace(/^https?:\/\//i, "").replace(/[/:].*$/, ""));
  if (localHost || process.env.EMBEDDED_DATABASE === "1" || process.env.DEMO_MODE === "1") {
    process.env.PUBLIC_PROTOCOL ??= "http";
    process.env.PUBLIC_PORT ??= process.env.PORT || "3000";
  }
  // Imported now: lib/env reads the environment once, at first import.
  const { db } = await import("@/lib/db");
  const { createCommune, welcomePath } = await import("@/lib/commune/create");
  const { defaultThemes } = await import("@/lib/commune/themes");
  const { tenantUrl } = await import("@/lib/tenancy/url");
  try {
    const result = await createCommune(db, {
      name: args.name, host: args.host, adminEmail: args["admin-email"], code: args.code, officialName: args["official-name"],
      adminFirstNames: args["admin-first-name"], adminLastName: args["admin-last-name"],
    });
    if (!result.ok && result.fieldErrors) {
      printUsageError(Object.entries(result.fieldErrors).map(([field, message]) => `${FIELD_OPTIONS[field] ?? field} : ${message}`));
      return 2;
    }
    if (!result.ok) {
      console.error(`Erreur : ${result.message} Rien n'a été créé.`);
      return 1;
    }
    const { tenant, host, admin, token } = result.data;
    const link = tenantUrl({ canonicalHost: host }, welcomePath(token));
    console.log(`Commune créée : ${tenant.name} (${tenant.officialName}), code ${tenant.code}, adresse ${host}.
  Thèmes et services : ${defaultThemes.map((t) => t.title).join(", ")}.
  Textes légaux, texte d'accueil et questions fréquentes de départ, couleurs par défaut.
  Premier administrateur : ${admin.email}.

Lien à transmettre à l'administrateur pour choisir son mot de passe (valable 48 heures, une seule fois) :
  ${link}

Ensuite :
  1. Faites pointer ${host} vers ce déploiement (DNS, certificat, proxy) : l'adresse répond dès maintenant.
  2. L'administrateur ouvre le lien, choisit son mot de passe, se connecte et associe une application
     d'authentification (code à 6 chiffres).
  3. Dans Paramètres (/admin/parametres), il renseigne les coordonnées de la mairie (adresse, téléphone,
     courriel), les couleurs et les horaires, et relit les textes légaux et la FAQ ; puis il invite ses
     agents. À faire avant d'ouvrir le portail au public.`);
    return 0;
  } finally {
    await db.$disconnect();
    if (embedded) await embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
