import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { clientFiles, ROOT } from "./project-files";

// What the browser loads is every module a "use client" file imports at run time, and theirs in
// turn (an actions.ts reached from there becomes a reference to the server, not code). Among them,
// none may import classic zod (its methods cannot be left out of a bundle: about 25 kB gzip more on
// every form; decision 0026), nor the modules that only the server may run.
// Packages by their name as imported; project modules by their file, however the path is written.
const FORBIDDEN: [RegExp, string][] = [
  [/^zod(\/v[34])?(\/classic)?$/, "zod/mini : le navigateur charge ce module (décision 0026)"],
  [/^zod\/(v4\/)?locales/, "les messages de zod en français sont réglés par lib/env, côté serveur"],
  [/^lib\/form-input\.ts$/, "lecture des formulaires par les actions serveur"],
  [/^lib\/db\.ts$/, "la base de données"],
];
const forbidden = (from: string, specifier: string) => {
  const target = resolve(from, specifier) ?? specifier;
  return FORBIDDEN.find(([pattern]) => pattern.test(target))?.[1];
};

/** The specifiers a file imports or re-exports at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** A project file for "@/x" or "./x" from `from`, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.posix.join(path.posix.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}

function browserModules() {
  const entries = clientFiles();
  const reached = new Map<string, string[]>();
  const pending = [...entries];
  while (pending.length) {
    const file = pending.pop()!;
    if (reached.has(file) || path.posix.basename(file) === "actions.ts") continue;
    const imports = runtimeImports(file);
    reached.set(file, imports);
    for (const specifier of imports) {
      const target = resolve(file, specifier);
      if (target) pending.push(target);
    }
  }
  return { entries, reached };
}

describe("modules loaded by the browser", () => {
  const { entries, reached } = browserModules();

  it("are found from the client components, down to the shared schemas", () => {
    expect(entries.length).toBeGreaterThan(30);
    for (const file of ["components/forms/use-action-form.ts", "lib/accounts/schema.ts", "lib/procedures/form-schema.ts", "lib/requests/tracking-schema.ts"]) {
      expect(reached.has(file)).toBe(true);
    }
  });

  it("import neither classic zod nor what only the server runs", () => {
    const problems = [...reached].flatMap(([file, imports]) =>
      imports.flatMap((specifier) => {
        const why = forbidden(file, specifier);
        return why ? [`${file} importe « ${specifier} » (${why})`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("refuse the forbidden modules however their path is written", () => {
    expect(forbidden("lib/accounts/x.ts", "../db")).toBe("la base de données");
    expect(forbidden("components/x.tsx", "@/lib/form-input")).toBeDefined();
    expect(forbidden("lib/x.ts", "zod/v4")).toBeDefined();
    expect(forbidden("lib/x.ts", "zod/mini")).toBeUndefined();
  });

  it("tell a type-only import, erased, from one that loads the module", () => {
    expect(runtimeImports("lib/forms.ts")).not.toContain("zod"); // import type * as z from "zod"
    expect(runtimeImports("lib/form-input.ts")).toContain("zod");
    expect(runtimeImports("lib/accounts/schema.ts")).toContain("zod/mini");
  });
});
