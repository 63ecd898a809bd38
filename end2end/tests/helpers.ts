import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { execFileSync } from "node:child_process";

/** The WCAG 2.x A and AA rules, as the issue asks. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the page as it is now; any violation fails the test. axe is JavaScript,
 * so without JavaScript the page's HTML is audited in a second, scripted page of the same
 * origin (its own scripts removed, so it stays exactly as the browser without JS shows it).
 */
export async function expectAccessible(page: Page, where: string) {
  let target = page;
  if (!jsEnabled(test.info())) {
    const html = (await page.content())
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
      .replace(/<link[^>]+rel="(modulepreload|preload)"[^>]*>/gi, "");
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    // Playwright Test applies the project's options to new contexts too: switch JS back on.
    const context = await browser.newContext({
      viewport: page.viewportSize() ?? undefined,
      javaScriptEnabled: true,
      bypassCSP: true,
    });
    target = await context.newPage();
    await target.goto(new URL("/healthz", page.url()).toString());
    await target.setContent(html, { waitUntil: "load" });
  }
  const result = await new AxeBuilder({ page: target }).withTags(WCAG_TAGS).analyze();
  if (target !== page) await target.context().close();
  const violations = result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** Nothing scrolls sideways: the page reflows at the current width. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The option group of a question, found as a screen reader would: by its legend. */
export function group(page: Page, question: string | RegExp) {
  return page.getByRole("group", { name: question });
}

export async function choose(page: Page, question: string | RegExp, answer: string) {
  await group(page, question).getByRole("radio", { name: answer, exact: true }).check();
}

export async function tick(page: Page, question: string | RegExp, answer: string) {
  await group(page, question).getByRole("checkbox", { name: answer, exact: true }).check();
}

export function jsEnabled(info: TestInfo): boolean {
  return info.project.use.javaScriptEnabled !== false;
}

export type StoredResponse = {
  id: number;
  audience: string;
  group: string | null;
  language: string;
  submitted_on: string;
  answers: Record<string, string[]>;
};

/** The stored responses of a link, read with the app's own `responses` command. */
export function storedResponses(code: string): StoredResponse[] {
  const out = execFileSync("../target/release/samenspraak", ["responses", code], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "error" },
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as StoredResponse);
}
