import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { expectAccessible, storedResponses } from "./helpers";

// The researchers' workspace on a laptop: an administrator made on the command line creates
// an account in the browser and gives it a project; the researcher makes a link for a
// school, finds its QR code and flyer, and closes it again. axe-core on every page.

const PASSWORD = "een lange zin als wachtwoord";

function createAdmin(email: string) {
  execFileSync("../target/release/samenspraak", ["create-admin", email], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "error" },
    input: `${PASSWORD}\n`,
    encoding: "utf8",
  });
}

async function logIn(page: Page, email: string) {
  await page.goto("/beheer");
  await expect(page).toHaveURL(/\/beheer\/inloggen$/);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projecten" })).toBeVisible();
}

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

test("an administrator gives a researcher a project, who hands out a link", async ({ page }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  const admin = `admin-${run}@example.nl`;
  const researcher = `onderzoeker-${run}@example.nl`;
  createAdmin(admin);

  await page.goto("/beheer/inloggen");
  await expectAccessible(page, "login");
  await page.getByLabel("E-mailadres").fill(admin);
  await page.getByLabel("Wachtwoord").fill("niet het goede wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("Het e-mailadres of het wachtwoord klopt niet.")).toBeVisible();
  await expectAccessible(page, "login with an error");

  await logIn(page, admin);
  await expectAccessible(page, "projects");
  await page.getByRole("link", { name: "Accounts" }).click();
  await expectAccessible(page, "accounts");
  await page.getByLabel("E-mailadres").first().fill(researcher);
  await page.getByLabel("Wachtwoord (minstens 12 tekens)").fill("kort");
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page.getByText("Het wachtwoord moet minstens 12 tekens hebben.")).toBeVisible();
  await expectAccessible(page, "accounts with an error");
  await page.getByLabel("Wachtwoord (minstens 12 tekens)").fill(PASSWORD);
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page.getByRole("cell", { name: researcher, exact: true })).toBeVisible();

  const access = page.locator("form[action='/beheer/accounts/toegang']");
  await access.getByLabel("E-mailadres").selectOption(researcher);
  await access.getByLabel("Project").selectOption({ label: "Atelier Samenhang preventie en hulpverlening" });
  await access.getByLabel("Rol").selectOption({ label: "eigenaar" });
  await access.getByRole("button", { name: "Toegang geven" }).click();
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/beheer\/inloggen$/);

  await logIn(page, researcher);
  await page.getByRole("link", { name: "Atelier Samenhang preventie en hulpverlening" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Atelier Samenhang preventie en hulpverlening");
  await expectAccessible(page, "project");

  const school = `Vmbo Het Baken ${run}`;
  await page.getByLabel("Vragenlijst").selectOption("naar-school");
  await page.getByLabel("Doelgroep").selectOption("youth");
  await page.getByLabel("Meetmoment").selectOption({ label: "Najaar 2026" });
  await page.getByLabel("Groep", { exact: true }).fill(school);
  await page.getByRole("button", { name: "Link maken" }).click();
  const row = page.getByRole("row").filter({ hasText: school });
  await expect(row).toContainText("open");
  const url = await row.getByRole("link").first().textContent();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-z]{10}$/);
  const code = url!.split("/").pop()!;

  const svg = await page.request.get(`/beheer/projecten/samenhang/links/${code}/qr.svg`);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  const png = await page.request.get(`/beheer/projecten/samenhang/links/${code}/qr.png`);
  expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");

  await row.getByRole("link", { name: "Flyer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Doe mee en laat je stem horen!");
  await expect(page.getByRole("img", { name: `QR-code: ${url}` })).toBeVisible();
  await expectAccessible(page, "flyer");
  await page.goBack();

  // A young person opens the new link: the group travels with the response.
  const respondent = await page.context().browser()!.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await respondent.newPage();
  await phone.goto(url!);
  await expect(phone.getByText(`Deze link is voor: ${school}.`)).toBeVisible();
  await respondent.close();
  expect(storedResponses(code)).toEqual([]);

  await page.getByRole("row").filter({ hasText: school }).getByRole("button", { name: "Sluiten" }).click();
  await expect(page.getByRole("row").filter({ hasText: school })).toContainText("gesloten");
  const closed = await page.request.get(url!);
  expect(closed.status()).toBe(410);

  await page.getByRole("link", { name: "Codeboek bekijken" }).click();
  await page.getByLabel("Naam van de code", { exact: true }).fill(`Wachtlijsten ${run}`);
  await page.getByRole("button", { name: "Code toevoegen" }).click();
  await expect(page.getByRole("cell", { name: `Wachtlijsten ${run}`, exact: true })).toBeVisible();
  await expectAccessible(page, "codebook");
  await page.getByRole("link", { name: "Atelier Samenhang preventie en hulpverlening" }).click();

  // Ten insights from a professionals' meeting, by keyboard only.
  await page.getByRole("link", { name: "Bijeenkomsten van professionals" }).click();
  await page.getByLabel("Titel").fill(`Atelier ${run}`);
  await page.getByLabel("Datum").fill("2026-04-22");
  await page.getByLabel("onderwijs").fill("6");
  await page.getByLabel("jeugdhulp").fill("4");
  await page.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
  await expectAccessible(page, "meeting");
  const lines = page.getByLabel("Eén inzicht per regel");
  await lines.focus();
  for (let i = 1; i <= 10; i++) {
    await page.keyboard.type(`knelpunt: Wachtlijst nummer ${i} [jeugdhulp] (${i})`);
    if (i < 10) await page.keyboard.press("Enter");
  }
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Toevoegen" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("cell", { name: /^Wachtlijst nummer \d+$/ })).toHaveCount(10);
  await expect(page.getByRole("row").nth(1)).toContainText("Wachtlijst nummer 10");
  await expectAccessible(page, "meeting with insights");
  await page.getByRole("link", { name: "Bijeenkomsten van professionals" }).click();
  await expectAccessible(page, "meetings");
  await page.getByRole("link", { name: "Atelier Samenhang preventie en hulpverlening" }).click();

  await page.getByRole("link", { name: "Logboek" }).click();
  await expect(page.getByRole("row").filter({ hasText: code }).first()).toContainText("link closed");
  await expectAccessible(page, "audit log");
});
