import { expect, test } from "@playwright/test";
import { expectAccessible, signInToDemo } from "./helpers";

// A researcher opens the comparison of the demo project (with its synthetic material),
// switches to the table view and prints the report; charts are server-rendered SVG, so all
// of it works without JavaScript too.

const PASSWORD = "een lange zin als wachtwoord";

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

test("a researcher compares young people, parents and professionals and prints the report", async ({ page }) => {
  await signInToDemo(page, "vergelijker", "kijker", PASSWORD);

  await page.goto("/beheer/projecten/samenhang");
  await page.getByRole("link", { name: "Vergelijking" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Naar school gaan en schoolverzuim");
  // Codes of the theme across the three audiences, with what they share or differ on.
  const codes = page.locator("table.codes");
  await expect(codes.getByRole("rowheader", { name: "Een vaste mentor" })).toBeVisible();
  await expect(codes.locator(".pattern").first()).toBeVisible();
  // A chart per closed question, with its text alternative.
  const chart = page.getByRole("img", { name: /Ik ga graag naar school/ });
  await expect(chart).toBeVisible();
  await expectAccessible(page, "comparison, charts");

  // Round against round, by the form (a GET without JavaScript).
  await page.getByLabel("Meetmoment", { exact: true }).selectOption({ label: "Najaar 2026" });
  await page.getByLabel("Vergelijk met meetmoment").selectOption({ label: "Voorjaar 2026" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page.getByText(/Jongeren · Najaar 2026 tegenover Jongeren · Voorjaar 2026/).first()).toBeVisible();

  await page.getByRole("link", { name: "Tabellen" }).click();
  await expect(page.getByRole("link", { name: "Tabellen" })).toHaveAttribute("aria-current", "page");
  const table = page.getByRole("table", { name: /Antwoorden op: Ik ga graag naar school/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Helemaal eens" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Ik ga graag naar school/ })).toHaveCount(0);
  await expectAccessible(page, "comparison, tables");

  await page.getByRole("link", { name: "Rapport om te printen" }).click();
  await expect(page.getByRole("heading", { name: "Werkwijze" })).toBeVisible();
  await expectAccessible(page, "report");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Terug naar de vergelijking" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  // More than one A4 page: the method note and the theme start on their own.
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
});
