import { createHmac } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);

/** The URL of a page on a commune's host (Chromium resolves *.localhost to this machine). */
export function urlOf(host: string, path = "/") {
  return `http://${host}:${port}${path}`;
}

/** Opens a page and fails on any serious or critical accessibility violation (WCAG 2.1 A/AA). */
export async function visit(page: Page, url: string) {
  watchPolicy(page);
  const response = await page.goto(url);
  await expectAccessible(page);
  return response;
}

/**
 * Chromium reports what the Content-Security-Policy blocked on the console: every page scanned must
 * have none (a blocked script would be a page that never becomes interactive).
 */
const policyViolations = new WeakMap<Page, string[]>();
function watchPolicy(page: Page) {
  if (policyViolations.has(page)) return;
  const found: string[] = [];
  policyViolations.set(page, found);
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) found.push(message.text());
  });
}

/** The WCAG levels every scan checks (axe tags); the accessibility statement names them. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The page's address with what varies between runs replaced by a name: request numbers, ids,
 * tokens. The host (the commune) is left out: every commune runs the same pages.
 */
export function pagePattern(url: string) {
  const u = new URL(url);
  const path = u.pathname
    .split("/")
    .map((part) =>
      /^[A-Z]{3}-\d{4}-\d{6}$/.test(part) ? "[numero]"
      : /^[0-9a-f-]{16,}$/i.test(part) || /^c[a-z0-9]{20,}$/.test(part) || (/\d/.test(part) && part.length > 12) ? "[id]"
      : part,
    )
    .join("/");
  const keys = [...new Set(u.searchParams.keys())].sort();
  return `${path}${keys.length ? `?${keys.join("&")}` : ""}`;
}

/**
 * Scans the page with axe and fails on any serious or critical violation (WCAG 2.1 A/AA). With
 * ACCESSIBILITY_REPORT=<file>, also appends one JSON line per scan (page, viewport, state,
 * violations by impact) for `npm run accessibility:summary`. `state` names a page shown in a
 * particular state (« erreurs », « vide », « refus »…).
 */
export async function expectAccessible(page: Page, state?: string) {
  watchPolicy(page);
  // A server action that refreshes the page re-renders its metadata: for a moment the document has
  // no title. Scan once it is back, or axe reports a missing title that no one would ever see.
  await expect.poll(() => page.title(), { message: "la page a un titre" }).not.toBe("");
  let axe = new AxeBuilder({ page }).withTags(AXE_TAGS);
  // Sandboxed iframes (emails shown in the dev mailbox) cannot run axe and stall its frame walk:
  // scan the page itself only.
  if (await page.locator("iframe[sandbox]").count()) axe = axe.setLegacyMode(true).options({ iframes: false });
  let results = await axe.analyze();
  // The same refresh can land during the scan: a missing title is a finding only if it is still
  // missing once the page has settled.
  if (results.violations.some((v) => v.id === "document-title")) {
    await expect.poll(() => page.title(), { message: "la page a un titre" }).not.toBe("");
    results = await axe.analyze();
  }
  if (process.env.ACCESSIBILITY_REPORT) record(page, results, state);
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `Accessibilité de ${page.url()}`).toEqual([]);
  expect(policyViolations.get(page), `Politique de sécurité (CSP) de ${page.url()}`).toEqual([]);
}

function record(page: Page, results: Awaited<ReturnType<AxeBuilder["analyze"]>>, state?: string) {
  const info = test.info();
  const line = {
    at: new Date().toISOString(),
    page: pagePattern(page.url()),
    state: state ?? null,
    project: info.project.name,
    viewport: page.viewportSize(),
    test: info.titlePath.slice(1).join(" › "),
    axe: results.testEngine.version,
    tags: AXE_TAGS,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact ?? "minor", help: v.help, nodes: v.nodes.length })),
  };
  // One short line per write: appends from the two workers do not interleave.
  const file = process.env.ACCESSIBILITY_REPORT!;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

export type MailboxMessage = { to: string; channel: "EMAIL" | "SMS"; subject: string; text: string; createdAt: string };

/** The dev mailbox of a commune for one address, newest first. */
export async function mailbox(page: Page, host: string, address: string): Promise<MailboxMessage[]> {
  // Node does not resolve *.localhost: ask 127.0.0.1 with the commune's Host header.
  const res = await page.request.get(`http://127.0.0.1:${port}/api/dev/mailbox?to=${encodeURIComponent(address)}`, {
    headers: { host: `${host}:${port}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

/** The password of the demo citizens (prisma/seed.ts). */
export const DEMO_PASSWORD = "demo-compte-citoyen-2026";

/** Signs in through the login page and waits for the citizen's Accueil. */
export async function signIn(page: Page, host: string, identifiant: string, password = DEMO_PASSWORD) {
  await page.goto(urlOf(host, "/connexion"));
  await page.getByLabel("Identifiant").fill(identifiant);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/accueil"));
}

/**
 * Ticks « Je ne suis pas un robot » (a click, or `tick` of the focused box: Space from the keyboard)
 * and waits for the proof of work. A tick that lands before the widget's script is ready is lost:
 * tick again until it holds.
 */
export async function solveCaptcha(page: Page, tick = (box: Locator) => box.click({ force: true })) {
  const box = page.locator("altcha-widget input[type=checkbox]");
  await expect(async () => {
    if (!(await box.isChecked())) await tick(box);
    await expect(page.locator("input[name=altcha]")).not.toHaveValue("", { timeout: 10_000 });
  }).toPass({ timeout: 45_000 });
}

// The demo agents (prisma/seed.ts) share a fixed TOTP secret: tests compute the code as the app would.
export const DEMO_SECRET = "JBSWY3DPEHPK3PXP";
export const AGENT_PASSWORD = "demo-agent-compte-citoyen-2026";

/** RFC 6238: HMAC-SHA1 of the 30-second step, six digits. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = createHmac("sha1", key).update(step).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Signs a demo agent in (password, then the code). A code works once: when another journey of the
 * same agent used this step's code, the next step's is awaited.
 */
export async function signInAgent(page: Page, host: string, email: string) {
  await page.goto(urlOf(host, "/admin/connexion"));
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Code de vérification" })).toBeVisible();
  await enterTotp(page, email);
}

/**
 * The code step: a code already used by another journey of the same agent waits for the next one.
 * `type` enters a code (filled and sent by default), `arrived` resolves once the agent is in.
 */
export async function enterTotp(page: Page, email: string, {
  type = async (code: string) => {
    await page.getByRole("textbox", { name: "Code à 6 chiffres" }).fill(code);
    await page.getByRole("button", { name: "Valider" }).click();
  },
  arrived = () => page.getByRole("heading", { level: 1, name: "Espace agents" }).waitFor(),
}: { type?: (code: string) => Promise<void>; arrived?: () => Promise<unknown> } = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await type(totp(DEMO_SECRET));
    const outcome = await Promise.race([
      arrived().then(() => "in"),
      page.getByText(/Code incorrect ou déjà utilisé/).first().waitFor().then(() => "used"),
    ]);
    if (outcome === "in") return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error(`No TOTP code accepted for ${email}`);
}

/**
 * Waits until React has taken over the page's forms: a choice made in a <select> before that is
 * reset to its default by hydration (as it would be for a quick hand on a slow phone).
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll("form")].every((form) => Object.keys(form).some((key) => key.startsWith("__reactFiber"))));
}

// Keyboard journeys (clavier.spec, inscription.spec): moving as a person using only the keyboard.

/**
 * The focused element shows the project's focus (app/globals.css: a solid outline of 3 px), as
 * computed by the browser. Not the browser's own thin ring (« auto »), which may vanish on the
 * commune's colour; not the white halo alone, which the outline goes with.
 */
export async function expectFocusVisible(page: Page) {
  const style = await page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return { tag: el.tagName, visible: s.outlineStyle === "solid" && parseFloat(s.outlineWidth) >= 2, seen: `${s.outlineStyle} ${s.outlineWidth} / ${s.boxShadow}` };
  });
  expect(style, "un élément a le focus").not.toBeNull();
  expect(style!.visible, `focus visible sur ${style!.tag} (${style!.seen})`).toBe(true);
}

/** Whether `target` has the focus, inside a shadow root too (the captcha's checkbox). */
export const isFocused = (target: Locator) =>
  target.evaluate((element) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return element === active;
  });

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moving through the
 * page; fails if it is never reached. Checks that the focus is visible there.
 */
export async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  await target.first().waitFor();
  // The way given first; then the other, in case the page put the focus past it.
  for (const key of back ? ["Shift+Tab", "Tab"] : ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < max; i++) {
      if (await isFocused(target.first())) {
        await expectFocusVisible(page);
        return;
      }
      await page.keyboard.press(key);
    }
  }
  throw new Error(`jamais atteint au clavier : ${target}`);
}

/** Tabs to `target`, then presses `key` there (Enter follows a link or a button). */
export async function pressOn(page: Page, target: Locator, key = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}
