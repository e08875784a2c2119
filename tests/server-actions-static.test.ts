import path from "node:path";
import ts from "typescript";
import { ROOT, serverActionFiles } from "@/tests/project-files";

// Every server action (an exported function of an app/**/actions.ts, files that start with
// "use server") is read with the TypeScript compiler and must follow two rules. A new action that
// breaks one fails this test, with the file, the action and the reason.
//
// 1. AUTHORIZATION FIRST. The action's first statement is a call to an authorization helper, awaited
//    (`await h(…)`, `const x = await h(…)`). Then, by where the action lives:
//      app/(citoyen)/…          it calls requireCitizen or getCitizen,
//      app/admin/ (but not app/admin/connexion/) it calls requireAgent, agentOfAction or getAgentSession,
//    as a statement of its own body, before anything imported runs (other than the helpers below,
//    `headers()` and lib/form-input's readers formOf, formText, formInt, textOf): the only work allowed
//    before it is reading the form with those, functions of the file itself or built-ins, which touch
//    nothing. Public actions (sign-up, forgotten password, suivi, the agents' login…) have only the
//    commune of the host: requireTenant.
//    The helpers, and why each counts:
//      requireTenant    the commune is the request host's; an unknown host is a 404 (every action).
//      requireCitizen   the signed-in citizen of this commune, or the login page.
//      getCitizen       the same, or null: the démarche wizard answers « session expirée » itself.
//      requireAgent     the signed-in agent of this commune (second factor passed) holding a permission.
//      agentOfAction    the same, or null for a form that keeps what was typed (AGENT_SESSION_EXPIRED).
//      getAgentSession  the agent's session at any stage: the login's second factor and the sign-out.
//
// 2. INPUT PARSED BY ZOD BEFORE THE DOMAIN. Every parameter of an action is input from the browser
//    (one whose name starts with "_", the previous state of useActionState, must stay unused). What
//    is computed from it stays "input": a variable initialised from it, a built-in call on it
//    (String(x), x.slice(…), formData.get(…)), a call to a function of the file itself. A call to a
//    zod schema's parse / safeParse (the schema's type is a zod type) gives parsed values; what an
//    authorization helper or a domain function returns, a comparison's boolean and a choice between
//    literals written in the action (`x === "haut" ? "haut" : "bas"`) are the server's. Rule: input
//    given to a function imported from @/lib/ (the domain) goes to a parameter that this function
//    parses with zod: the parameter (or a value computed from it) is an argument of a schema's
//    parse/safeParse in the callee's body, or is handed on to a parameter that a further function
//    parses (followed up to four calls deep). Exempt: the authorization helpers above, `guarded`
//    (its argument is the closure, which is checked like the action's body) and the pure helpers
//    in PURE below (input goes in, input comes out: their result is still checked where it goes).


const AUTHORIZATION = ["requireTenant", "requireCitizen", "getCitizen", "requireAgent", "agentOfAction", "getAgentSession"];
/** lib/form-input's readers: a form's field through a zod schema, nothing read or written elsewhere. */
const FORM_READERS = ["formOf", "formText", "formInt", "textOf"];
const CITIZEN = ["requireCitizen", "getCitizen"];
const AGENT = ["requireAgent", "agentOfAction", "getAgentSession"];
/** Imported functions that input may go through without being parsed: none of them reads or writes anything. */
const PURE: Record<string, string> = {
  guarded: "runs the action's own closure and turns an incident into a French message",
  formOf: "the FormData the action was sent, or an empty one for anything else: its fields are still input",
  clientAddress: "reads the client's address from the request headers (for rate limits and the journal)",
  isoDate: "rewrites a date typed as on the papers (« 02/03/1941 ») as ISO; the domain parses the result",
  headers: "next/headers: the request's headers",
  redirect: "next/navigation",
  notFound: "next/navigation",
  revalidatePath: "next/cache",
};
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.InKeyword,
]);
const ZOD_PARSE = new Set(["parse", "safeParse", "parseAsync", "safeParseAsync"]);
const MAX_DEPTH = 4;

type Violation = string;

const actionFiles = serverActionFiles;

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options, noEmit: true, incremental: false };
}

/** Checks the given actions files (paths relative to the root); `virtual` adds files that exist only in memory (the test's own examples). */
function checkActions(files: string[], virtual: Record<string, string> = {}): Violation[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const absolute = Object.fromEntries(Object.entries(virtual).map(([f, text]) => [path.join(ROOT, f), text]));
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    absolute[name] !== undefined ? ts.createSourceFile(name, absolute[name]!, language, true) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => absolute[name] !== undefined || fileExists.call(host, name);
  host.readFile = (name) => absolute[name] ?? readFile.call(host, name);
  const program = ts.createProgram(files.map((f) => path.join(ROOT, f)), options, host);
  const checker = program.getTypeChecker();
  const violations: Violation[] = [];
  for (const file of files) {
    const source = program.getSourceFile(path.join(ROOT, file));
    if (!source) throw new Error(`${file}: not read`);
    for (const fn of exportedFunctions(source, violations, file)) {
      const name = fn.name?.getText() ?? "default";
      const say = (why: string) => violations.push(`${file} › ${name}: ${why}`);
      checkAuthorization(file, fn, checker, say);
      checkInput(fn, checker, say);
    }
  }
  return violations;
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function exportedFunctions(source: ts.SourceFile, violations: Violation[], file: string): ts.FunctionDeclaration[] {
  const found: ts.FunctionDeclaration[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.body) found.push(statement);
    else if (ts.isVariableStatement(statement)) violations.push(`${file}: exports a value (${statement.declarationList.declarations.map((d) => d.name.getText()).join(", ")}); an actions file exports its actions as \`export async function\``);
  }
  return found;
}

/** The name of the function a call calls, as written (`f(…)` or `await f(…)`), if it is an imported binding. */
function importedName(call: ts.CallExpression, checker: ts.TypeChecker): string | null {
  if (!ts.isIdentifier(call.expression)) return null;
  const symbol = checker.getSymbolAtLocation(call.expression);
  const declaration = symbol?.declarations?.[0];
  return declaration && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) ? call.expression.text : null;
}

/** The call a statement is: `await f(…)`, `const x = await f(…)`. */
function awaitedCall(statement: ts.Statement): ts.CallExpression | null {
  let expression: ts.Expression | undefined;
  if (ts.isExpressionStatement(statement)) expression = statement.expression;
  else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) expression = statement.declarationList.declarations[0]!.initializer;
  if (!expression || !ts.isAwaitExpression(expression) || !ts.isCallExpression(expression.expression)) return null;
  return expression.expression;
}

function calls(node: ts.Node): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function checkAuthorization(file: string, fn: ts.FunctionDeclaration, checker: ts.TypeChecker, say: (why: string) => void) {
  const statements = fn.body!.statements;
  const first = statements[0] && awaitedCall(statements[0]);
  const firstName = first && importedName(first, checker);
  if (!firstName || !AUTHORIZATION.includes(firstName)) {
    say(`its first statement must be an awaited authorization call (${AUTHORIZATION.join(", ")})`);
    return;
  }
  const unix = file.split(path.sep).join("/");
  const role = unix.startsWith("app/(citoyen)/") ? CITIZEN : unix.startsWith("app/admin/") && !unix.startsWith("app/admin/connexion/") ? AGENT : null;
  if (!role) return;
  const at = statements.findIndex((s) => {
    const call = awaitedCall(s);
    const name = call && importedName(call, checker);
    return name !== null && role.includes(name);
  });
  if (at < 0) {
    say(`calls none of ${role.join(", ")} as a statement of its body`);
    return;
  }
  // Before it: only authorization helpers, headers(), built-ins and the file's own readers.
  const locals = new Set<ts.Node>();
  const before = statements.slice(0, at).flatMap((s) => calls(s));
  for (let i = 0; i < before.length; i++) {
    const call = before[i]!;
    const name = importedName(call, checker);
    if (name && !AUTHORIZATION.includes(name) && !FORM_READERS.includes(name) && name !== "headers") say(`calls ${name}(…) before ${role.join("/")}`);
    const local = !name && ts.isIdentifier(call.expression) ? localFunction(call.expression, checker) : null;
    if (local && !locals.has(local)) {
      locals.add(local);
      before.push(...calls(local));
    }
  }
}

/** A function declared in the action's own file (a reader of the form), if the identifier names one. */
function localFunction(id: ts.Identifier, checker: ts.TypeChecker): ts.Node | null {
  const declaration = checker.getSymbolAtLocation(id)?.declarations?.[0];
  if (!declaration || declaration.getSourceFile() !== id.getSourceFile()) return null;
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) return declaration.initializer;
  return null;
}

/** The declaration of the function a call calls (through imports), as source, or null. */
function calleeDeclaration(call: ts.CallExpression, checker: ts.TypeChecker): FunctionLike | null {
  let symbol = checker.getSymbolAtLocation(call.expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const declaration of symbol?.declarations ?? []) {
    if (ts.isFunctionDeclaration(declaration) && declaration.body) return declaration;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      let init: ts.Expression = declaration.initializer;
      // `export const f = cache(async (…) => …)`
      if (ts.isCallExpression(init) && init.arguments.length === 1) init = init.arguments[0]!;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return null;
}

function isZodParse(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || !ZOD_PARSE.has(call.expression.name.text)) return false;
  const type = checker.getTypeAtLocation(call.expression.expression);
  return /\bZod|\$Zod|\bz\./.test(checker.typeToString(type)) || (type.getSymbol()?.getName() ?? "").includes("Zod");
}

/**
 * Walks a function body in order and tells which identifiers carry input. `tainted` starts with the
 * parameters; `onCall` sees every call with the helper that says whether an expression is input.
 */
function walkTaint(body: ts.Node, tainted: Set<ts.Symbol>, checker: ts.TypeChecker, clean: (call: ts.CallExpression) => boolean, onCall: (call: ts.CallExpression, isInput: (e: ts.Expression) => boolean) => void) {
  const isInput = (expression: ts.Expression): boolean => {
    let found = false;
    const visit = (n: ts.Node) => {
      if (found) return;
      // A choice between values written here (`x === "haut" ? "haut" : "bas"`) and a comparison's boolean are the server's.
      if (ts.isConditionalExpression(n)) return void (found = isInput(n.whenTrue) || isInput(n.whenFalse));
      if (ts.isBinaryExpression(n) && COMPARISONS.has(n.operatorToken.kind)) return;
      if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) return;
      if (ts.isTypeOfExpression(n)) return;
      if (ts.isIdentifier(n)) {
        const symbol = checker.getSymbolAtLocation(n) ?? (ts.isShorthandPropertyAssignment(n.parent) ? checker.getShorthandAssignmentValueSymbol(n.parent) : undefined);
        if (symbol && tainted.has(symbol)) found = true;
        return;
      }
      if (ts.isShorthandPropertyAssignment(n)) {
        const symbol = checker.getShorthandAssignmentValueSymbol(n);
        if (symbol && tainted.has(symbol)) found = true;
        return;
      }
      if (ts.isCallExpression(n) && clean(n)) return;
      if (ts.isFunctionLike(n)) return;
      ts.forEachChild(n, visit);
    };
    visit(expression);
    return found;
  };
  const taintBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) {
      const symbol = checker.getSymbolAtLocation(name);
      if (symbol) tainted.add(symbol);
    } else for (const element of name.elements) if (!ts.isOmittedExpression(element)) taintBinding(element.name);
  };
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && n.initializer && isInput(n.initializer)) taintBinding(n.name);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isInput(n.right) && ts.isIdentifier(n.left)) {
      const symbol = checker.getSymbolAtLocation(n.left);
      if (symbol) tainted.add(symbol);
    }
    if (ts.isCallExpression(n)) onCall(n, isInput);
    ts.forEachChild(n, visit);
  };
  visit(body);
}

function isImportedFromLib(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const declaration = calleeDeclaration(call, checker);
  if (!declaration) return false;
  const file = path.relative(ROOT, declaration.getSourceFile().fileName).split(path.sep).join("/");
  return file.startsWith("lib/");
}

function calleeName(call: ts.CallExpression): string {
  return ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText();
}

function isPure(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const name = calleeName(call);
  return Object.hasOwn(PURE, name) || (AUTHORIZATION.includes(name) && importedName(call, checker) !== null);
}

/** Whether `fn` parses its parameter number `index` with zod (directly or through a further function). */
function parsesParameter(fn: FunctionLike, index: number, checker: ts.TypeChecker, depth: number, seen: Map<string, boolean>): boolean {
  const parameter = fn.parameters[index] ?? (fn.parameters.at(-1)?.dotDotDotToken ? fn.parameters.at(-1) : undefined);
  if (!parameter || !fn.body) return false;
  const key = `${fn.getSourceFile().fileName}:${fn.pos}:${index}`;
  if (seen.has(key)) return seen.get(key)!;
  seen.set(key, false);
  const tainted = new Set<ts.Symbol>();
  const names = ts.isIdentifier(parameter.name) ? [parameter.name] : [];
  if (!ts.isIdentifier(parameter.name)) {
    const collect = (b: ts.BindingName) => (ts.isIdentifier(b) ? names.push(b) : b.elements.forEach((e) => !ts.isOmittedExpression(e) && collect(e.name)));
    collect(parameter.name);
  }
  for (const id of names) {
    const symbol = checker.getSymbolAtLocation(id);
    if (symbol) tainted.add(symbol);
  }
  let parsed = false;
  // Inside the domain, only a zod parse makes input into parsed values.
  walkTaint(fn.body, tainted, checker, (call) => isZodParse(call, checker), (call, isInput) => {
    if (parsed) return;
    if (isZodParse(call, checker) && call.arguments.some(isInput)) parsed = true;
    else if (depth < MAX_DEPTH) {
      const next = calleeDeclaration(call, checker);
      if (next && call.arguments.some((a, i) => isInput(a) && parsesParameter(next, i, checker, depth + 1, seen))) parsed = true;
    }
  });
  seen.set(key, parsed);
  return parsed;
}

function checkInput(fn: ts.FunctionDeclaration, checker: ts.TypeChecker, say: (why: string) => void) {
  const tainted = new Set<ts.Symbol>();
  for (const parameter of fn.parameters) {
    const symbol = ts.isIdentifier(parameter.name) ? checker.getSymbolAtLocation(parameter.name) : undefined;
    if (!symbol) {
      say("destructures a parameter: take the input whole and parse it");
      continue;
    }
    if (parameter.name.getText().startsWith("_")) {
      if (containsReference(fn.body!, symbol, checker)) say(`uses ${parameter.name.getText()}, the browser's copy of the previous state`);
      continue;
    }
    tainted.add(symbol);
  }
  const seen = new Map<string, boolean>();
  // In the action, what a zod parse, an authorization helper or the domain returns is theirs, not the browser's.
  const clean = (call: ts.CallExpression) => isZodParse(call, checker) || (isImportedFromLib(call, checker) && !isPure(call, checker)) || (AUTHORIZATION.includes(calleeName(call)) && importedName(call, checker) !== null);
  walkTaint(fn.body!, tainted, checker, clean, (call, isInput) => {
    if (isPure(call, checker) || !isImportedFromLib(call, checker)) return;
    const callee = calleeDeclaration(call, checker)!;
    call.arguments.forEach((argument, i) => {
      if (isInput(argument) && !parsesParameter(callee, i, checker, 1, seen)) {
        say(`gives input (${argument.getText().slice(0, 60)}) to ${calleeName(call)}(…), whose parameter ${fn.parameters.length ? (callee.parameters[i]?.name.getText() ?? `#${i + 1}`) : ""} is not parsed with zod`);
      }
    });
  });
}

function containsReference(node: ts.Node, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(n) && checker.getSymbolAtLocation(n) === symbol) found = true;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

describe("server actions", () => {
  it("are found on disk", () => {
    expect(actionFiles().length).toBeGreaterThan(20);
  });

  it("authorize first and give the domain only what zod parses", () => {
    expect(checkActions(actionFiles())).toEqual([]);
  }, 60_000);

  it("catch a new action that breaks either rule", () => {
    const file = "app/(citoyen)/exemple-du-test/actions.ts";
    const text = `"use server";
import { z } from "zod";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { addToBasket } from "@/lib/billing/basket";
import { renewSession } from "@/lib/auth/session";
import { guarded } from "@/lib/actions";

const schema = z.object({ version: z.number() });

export async function good(formData: FormData) {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/x");
  return guarded("x", tenant, () => addToBasket(citizen, String(formData.get("facture") ?? "").slice(0, 40)));
}
export async function parsedHere(input: unknown) {
  await requireTenant();
  const citizen = await requireCitizen("/x");
  const parsed = schema.safeParse(input);
  if (parsed.success) await renewSession(citizen, parsed.data.version);
}
export async function noAuthorization(formData: FormData) {
  return addToBasket({} as never, formData.get("facture"));
}
export async function tenantOnly(formData: FormData) {
  const tenant = await requireTenant();
  return guarded("x", tenant, () => addToBasket({} as never, formData.get("facture")));
}
export async function unparsed(input: unknown) {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/x");
  const version = Number((input as { v: number }).v);
  return guarded("x", tenant, () => renewSession(citizen, version));
}
`;
    const found = checkActions([file], { [file]: text });
    expect(found.some((v) => v.includes("› good:"))).toBe(false);
    expect(found.some((v) => v.includes("› parsedHere:"))).toBe(false);
    expect(found.some((v) => v.includes("› noAuthorization: its first statement"))).toBe(true);
    expect(found.some((v) => v.includes("› tenantOnly: calls none of requireCitizen"))).toBe(true);
    expect(found.some((v) => v.includes("› unparsed: gives input (version) to renewSession"))).toBe(true);
    expect(found).toHaveLength(3);
  }, 60_000);
});
