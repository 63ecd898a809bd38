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

/** A new administrator made with the CLI, logged in. */
export async function signIn(page: Page, who: string, password: string) {
  const email = `${who}-${test.info().project.name}-${Date.now()}@example.nl`;
  execFileSync("../target/release/samenspraak", ["create-admin", email], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "error" },
    input: `${password}\n`,
  });
  await page.goto("/beheer/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  return email;
}

/**
 * A new administrator, logged in, with `role` ("kijker", "onderzoeker", "eigenaar") in the
 * demo project: the way into the workspace for the researcher specs.
 */
export async function signInToDemo(page: Page, who: string, role: string, password: string) {
  const email = await signIn(page, who, password);
  await page.getByRole("link", { name: "Accounts" }).click();
  const access = page.locator("form[action='/beheer/accounts/toegang']");
  await access.getByLabel("E-mailadres").selectOption(email);
  await access.getByLabel("Project").selectOption({ label: "Atelier Samenhang preventie en hulpverlening" });
  await access.getByLabel("Rol").selectOption({ label: role });
  await access.getByRole("button", { name: "Toegang geven" }).click();
  return email;
}

/**
 * Nothing on the page reaches past its right edge at the current width: the page does not
 * scroll sideways and no element's box ends beyond it (what prints outside an A4 page).
 */
export async function expectNothingWiderThanThePage(page: Page, where: string) {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`page scrolls: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of Array.from(document.querySelectorAll("main *"))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)} > ${width}`);
      }
    }
    return out.slice(0, 10);
  });
  expect(outside, `nothing wider than the page: ${where}`).toEqual([]);
}

/** The number of pages of a PDF made by Chromium. */
export function pdfPages(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}
