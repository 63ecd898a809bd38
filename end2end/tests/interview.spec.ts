import { expect, test } from "@playwright/test";
import { choose, expectAccessible, jsEnabled, signInToDemo } from "./helpers";

// A facilitator records a group conversation with parents on a tablet.

const PASSWORD = "een lange zin als wachtwoord";

test.use({ viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true });

test("a facilitator records a conversation on a tablet, and nothing typed is lost", async ({ page, context }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  await signInToDemo(page, "gespreksleider", "onderzoeker", PASSWORD);

  await page.goto("/beheer/projecten/samenhang/gesprekken");
  await page.getByLabel(/Naam zonder naam/).fill(`groep ${run}`);
  await page.getByLabel("Doelgroep").selectOption("parent");
  await page.getByLabel(/Aantal deelnemers/).fill("4");
  await page.getByLabel("Datum").fill("2026-11-20");
  await page.getByRole("button", { name: "Gesprek beginnen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`groep ${run}`);
  await expectAccessible(page, "conversation guide");

  await choose(page, /Hoe oud is je kind\?/, "13 tot en met 15 jaar");
  const notes = page.locator("#notes-wat-helpt");
  const quotes = page.locator("#quotes-wat-helpt");
  await notes.fill("Ouders willen een vast aanspreekpunt.");
  await quotes.fill("\"We staan er alleen voor.\"");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Opgeslagen.")).toBeVisible();
  await expect(quotes).toHaveValue("\"We staan er alleen voor.\"");
  await expect(page.getByRole("group", { name: /Hoe oud is je kind\?/ }).getByRole("radio", { name: "13 tot en met 15 jaar" })).toBeChecked();

  if (jsEnabled(info)) {
    await expect(page.locator("#interview-form[data-enhanced]")).toBeAttached();
    // Typed, then the page is gone before saving: the draft on this device comes back.
    await notes.fill("Ouders willen een vast aanspreekpunt. Ook 's avonds.");
    await page.reload();
    await expect(page.locator("#interview-form[data-enhanced]")).toBeAttached();
    await expect(notes).toHaveValue("Ouders willen een vast aanspreekpunt. Ook 's avonds.");
    await expect(page.getByText("Aantekeningen die nog niet waren opgeslagen")).toBeVisible();

    // Offline while typing; once the connection is back the notes reach the server.
    await context.setOffline(true);
    await quotes.fill("\"We staan er alleen voor.\"\n\"School belt pas als het te laat is.\"");
    await context.setOffline(false);
    await expect(page.getByText("Automatisch opgeslagen.")).toBeVisible();
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await expect(quotes).toHaveValue("\"We staan er alleen voor.\"\n\"School belt pas als het te laat is.\"");
  }
  await expectAccessible(page, "conversation after saving");

  if (jsEnabled(info)) {
    // A draft on this tablet, then logging out: the browser forgets it (Clear-Site-Data).
    await notes.fill("Nog niet opgeslagen, op deze tablet.");
    await expect.poll(() => page.evaluate(() => window.localStorage.length)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page.getByRole("heading", { name: "Inloggen" })).toBeVisible();
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
  }
});
