import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);

/** The URL of a page on a commune's host (Chromium resolves *.localhost to this machine). */
export function urlOf(host: string, path = "/") {
  return `http://${host}:${port}${path}`;
}

/** Opens a page and fails on any serious or critical accessibility violation (WCAG 2.1 A/AA). */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await expectAccessible(page);
  return response;
}

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `Accessibilité de ${page.url()}`).toEqual([]);
}
