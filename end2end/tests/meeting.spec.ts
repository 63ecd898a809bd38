import { expect, test } from "@playwright/test";
import {
  expectAccessible,
  expectNothingWiderThanThePage,
  jsEnabled,
  pdfPages,
  signInToDemo,
} from "./helpers";

// The joint meeting with the demo project: a researcher makes an action from the
// professionals' knelpunt on waiting lists, ties an indicator to it, opens the projector
// view and prints the summary and the full report on A4 — with and without JavaScript.

const PASSWORD = "een lange zin als wachtwoord";
const THEMES = 3;
// A4 less the report's margins (210 mm − 2 × 15 mm) in CSS pixels.
const A4_CONTENT_WIDTH = Math.floor((180 / 25.4) * 96);

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

test("a researcher turns a knelpunt into an action, presents a theme and prints the report", async ({ page }, info) => {
  await signInToDemo(page, "atelier", "onderzoeker", PASSWORD);

  // From the knelpunt on the meeting page to a new action.
  await page.goto("/beheer/projecten/samenhang/bijeenkomsten");
  const meetings = await page.locator("ul.project-list a").evaluateAll((links) =>
    links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""),
  );
  const knelpunt = "Maak een actie: De wachtlijsten in de jeugdhulp zijn te lang.";
  let found = false;
  for (const href of meetings) {
    await page.goto(href);
    if ((await page.getByRole("link", { name: knelpunt }).count()) > 0) {
      found = true;
      break;
    }
  }
  expect(found, "the demo's knelpunt on waiting lists").toBe(true);
  await page.getByRole("link", { name: knelpunt }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan van aanpak");
  await expect(page.getByText("Naar aanleiding van knelpunt: De wachtlijsten in de jeugdhulp zijn te lang.")).toBeVisible();
  await expect(page.getByLabel("Vraagstuk")).toHaveValue("hulp-op-tijd");
  const title = `Inloopspreekuur jeugdhulp ${info.project.name}`;
  // A person's name is refused next to its field, with what was typed kept.
  await page.getByLabel("Wat is de actie?").fill(title);
  await page.getByLabel("Wie pakt het op?").fill("juf Petra");
  await page.getByLabel("Vanaf").fill("2026-07-15");
  await page.getByRole("button", { name: "Actie opslaan" }).click();
  await expect(page.locator("#new-action-taken-on-by-error")).toContainText("Noem een organisatie of rol");
  await expect(page.getByLabel("Wat is de actie?")).toHaveValue(title);
  await expectAccessible(page, "plan van aanpak with a problem");
  await page.getByLabel("Wie pakt het op?").fill("Wijkteam Noord");
  await page.getByRole("button", { name: "Actie opslaan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("link", { name: /knelpunt: De wachtlijsten in de jeugdhulp zijn te lang\./ })).toBeVisible();

  // An indicator: young people saying the help came in time, over both rounds.
  await page.getByLabel("Wat meten we?").selectOption({ label: "Aandeel (helemaal) eens bij “De hulp kwam op tijd.”" });
  await page.getByLabel("Bij wie?").selectOption({ label: "jongeren" });
  await page.getByRole("button", { name: "Indicator toevoegen" }).click();
  const indicators = page.getByRole("table", { name: `Indicatoren van “${title}” per meetmoment` });
  await expect(indicators.getByRole("columnheader", { name: "Najaar 2026 (eerste meting na de start)" })).toBeVisible();
  await expect(indicators.getByRole("rowheader", { name: /Jongeren: Aandeel \(helemaal\) eens/ })).toBeVisible();
  await expect(page.getByText(/geen bewijs dat de actie het deed/)).toBeVisible();
  await page.getByLabel("Wat", { exact: true }).fill("Spreekuur elke dinsdag op school");
  await page.getByLabel("Aantal (niet verplicht)").fill("12");
  await page.getByRole("button", { name: "Toevoegen", exact: true }).click();
  await expect(page.getByRole("cell", { name: "Spreekuur elke dinsdag op school", exact: true })).toBeVisible();
  await expectAccessible(page, "an action");

  // The projector view of the theme, from the comparison.
  await page.goto("/beheer/projecten/samenhang/vergelijking?thema=hulp-op-tijd");
  await expect(page.getByText(title).first()).toBeAttached();
  await page.getByRole("link", { name: "Presentatie voor de beamer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hulp op tijd, dichtbij");
  await expect(page.getByText(/^1 van \d+$/)).toBeVisible();
  await expectAccessible(page, "projector, first screen");
  if (jsEnabled(info)) {
    // Each key once the screen's island listens.
    const keysOn = page.locator("main.presentation[data-keys='on']");
    await expect(keysOn).toBeAttached();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(/^2 van \d+$/)).toBeVisible();
    await expect(keysOn).toBeAttached();
    await page.keyboard.press("Home");
    await expect(page.getByText(/^1 van \d+$/)).toBeVisible();
    await expect(keysOn).toBeAttached();
    await page.keyboard.press("End");
    await expect(page.getByRole("link", { name: "Volgende" })).toHaveCount(0);
  } else {
    await page.getByRole("link", { name: "Volgende" }).click();
    await expect(page.getByText(/^2 van \d+$/)).toBeVisible();
    await page.getByRole("link", { name: "Laatste" }).click();
    await expect(page.getByRole("link", { name: "Volgende" })).toHaveCount(0);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acties");
  await expect(page.getByText(title)).toBeVisible();
  await expectAccessible(page, "projector, last screen");

  // The summary: one page per theme and one of method, nothing past the page's edge.
  await page.goto("/beheer/projecten/samenhang/rapport?versie=samenvatting");
  await expect(page.getByRole("heading", { name: "Werkwijze" })).toBeVisible();
  await expectAccessible(page, "summary report");
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: A4_CONTENT_WIDTH, height: 1000 });
  await expectNothingWiderThanThePage(page, "summary report");
  const summary = await page.pdf({ format: "A4", printBackground: true });
  expect(pdfPages(summary), "one page per theme and one of method").toBeLessThanOrEqual(THEMES + 1);
  expect(pdfPages(summary)).toBeGreaterThanOrEqual(THEMES);

  // The full report holds on A4 too.
  await page.goto("/beheer/projecten/samenhang/rapport");
  await expectNothingWiderThanThePage(page, "full report");
  const full = await page.pdf({ format: "A4", printBackground: true });
  expect(pdfPages(full)).toBeGreaterThan(pdfPages(summary));
});
