import { expect, test } from "@playwright/test";
import { choose, expectAccessible, jsEnabled, signIn, tick } from "./helpers";

// A researcher who never saw a configuration file: starts a project, writes a questionnaire
// for young people and parents, hands out a link, and sees a young person's answers arrive.

const PASSWORD = "een lange zin als wachtwoord";

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

test("a researcher builds a questionnaire for two audiences and sees a response arrive", async ({ page }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  await signIn(page, "auteur", PASSWORD);

  const projectName = `Schoolgevoel ${run}`;
  await page.getByLabel("Naam").fill(projectName);
  await page.getByRole("button", { name: "Project maken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(projectName);

  await page.locator("#new-theme-title").fill("Naar school gaan");
  await page.getByRole("button", { name: "Vraagstuk toevoegen" }).click();
  await page.getByLabel("Naam", { exact: true }).last().fill("Najaar 2026");
  await page.getByLabel("Open vanaf").fill("2026-01-01");
  await page.getByLabel("Open tot en met").fill("2030-12-31");
  await page.getByRole("button", { name: "Meetmoment toevoegen" }).click();
  await expect(page.getByRole("textbox", { name: "Naam: Najaar 2026" })).toHaveValue("Najaar 2026");
  await expectAccessible(page, "project with authoring forms");

  await page.locator("#questionnaire-title").fill("Hoe gaat het op school?");
  await page.getByRole("button", { name: "Vragenlijst maken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hoe gaat het op school?");
  await page.getByLabel("Waarom deze vragen? (jongeren)").fill("We willen weten hoe het met jou gaat op school.");
  await page.getByLabel("Waarom deze vragen? (ouders)").fill("We willen weten hoe het met je kind gaat op school.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expectAccessible(page, "questionnaire editor");

  await page.getByRole("link", { name: "Nieuwe vraag" }).click();
  await page.getByLabel("Soort vraag").selectOption("yes_no");
  await page.getByLabel("Tekst voor jongeren").fill("Ga je graag naar school?");
  if (jsEnabled(info)) {
    await expect(page.locator("section[aria-label='jongeren'] legend")).toContainText("Ga je graag naar school?");
  }
  await page.getByLabel("Tekst voor ouders").fill("Gaat je kind graag naar school?");
  await expectAccessible(page, "question form with preview");
  await page.getByRole("button", { name: "Vraag opslaan" }).click();

  await page.getByRole("link", { name: "Nieuwe vraag" }).click();
  await page.getByLabel("Sleutel (kolomnaam in exports)").fill("waarom");
  await page.getByLabel("Soort vraag").selectOption("multiple_choice");
  await page.getByLabel("Tekst voor jongeren").fill("Waarom niet?");
  await page.getByLabel("Tekst voor ouders").fill("Waarom niet?");
  await page.getByLabel("Antwoorden (één per regel)").fill("Te moeilijk\npesten: Ik word gepest");
  await page.getByLabel("Alleen tonen als deze vraag…").selectOption("ga-je-graag-naar-school");
  await page.getByLabel("…dit antwoord heeft (sleutel)").fill("nee");
  await page.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "waarom" })).toBeVisible();

  // The questionnaire in Turkish, each text beside its Dutch.
  await page.getByRole("link", { name: "Türkçe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vertalen: Türkçe");
  const youthWording = page.getByRole("textbox", { name: "Ga je graag naar school?", exact: true });
  await youthWording.fill("Okula gitmeyi sever misin?");
  await expectAccessible(page, "translation beside the Dutch");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("1 tekst opgeslagen.")).toBeVisible();
  await expect(youthWording).toHaveValue("Okula gitmeyi sever misin?");
  await page.getByRole("link", { name: "Hoe gaat het op school?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hoe gaat het op school?");

  // A question read aloud by a person instead of the computer voice, sent from the browser.
  await page.getByRole("link", { name: "Nederlands", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Voorlezen: Nederlands");
  await expectAccessible(page, "recordings");
  const sound = Buffer.concat([Buffer.from("OggS\0\x02"), Buffer.alloc(4000, 7)]);
  await page.locator("#bestand-ga-je-graag-naar-school-youth").setInputFiles({
    name: "vraag-1.ogg",
    mimeType: "audio/ogg",
    buffer: sound,
  });
  await page.locator("#opname-ga-je-graag-naar-school-youth").getByRole("button", { name: "Opname opslaan" }).click();
  await expect(page.getByText("De opname is opgeslagen.")).toBeVisible();
  await expect(page.locator("#opname-ga-je-graag-naar-school-youth")).toContainText("Nu hoort men jouw opname (4 kB).");
  await expectAccessible(page, "recordings with one kept");
  await page.getByRole("link", { name: "Hoe gaat het op school?" }).click();
  await page.getByRole("link", { name: projectName }).click();

  await page.getByLabel("Vragenlijst", { exact: true }).selectOption("hoe-gaat-het-op-school");
  await page.getByLabel("Doelgroep").selectOption("youth");
  await page.getByRole("button", { name: "Link maken" }).click();
  const row = page.getByRole("row").filter({ hasText: "Hoe gaat het op school?" }).filter({ hasText: "jongeren" });
  const url = (await row.getByRole("link").first().textContent())!;

  // A young person on a phone.
  const phoneContext = await page.context().browser()!.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: jsEnabled(info),
  });
  const phone = await phoneContext.newPage();
  await phone.goto(url);
  await expect(phone.getByText("We willen weten hoe het met jou gaat op school.")).toBeVisible();
  await phone.getByRole("button", { name: "Beginnen" }).click();
  // The recording, not the computer voice, for the recorded question.
  await expect(phone.locator('audio[src*="/luister/ga-je-graag-naar-school/opname-"]')).toHaveCount(1);
  await choose(phone, /Ga je graag naar school\?/, "Nee");
  await tick(phone, /Waarom niet\?/, "Ik word gepest");
  await phone.getByRole("button", { name: "Versturen" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Bedankt!");
  await phoneContext.close();

  await page.getByRole("link", { name: "Ingevulde vragenlijsten bekijken" }).click();
  await expectAccessible(page, "responses");
  await page.getByRole("link", { name: /^Bekijken / }).first().click();
  await expect(page.getByRole("cell", { name: "Ik word gepest" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Nee", exact: true })).toBeVisible();
  await expectAccessible(page, "one response");
});
