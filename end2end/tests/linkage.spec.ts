import { expect, test, type Page } from "@playwright/test";
import { choose, expectAccessible, group, signInToDemo, storedResponses } from "./helpers";

// The linkage code (koppelcode) of the demo questionnaire for young people: made, kept when
// coming back to the page (without ever showing it again), declined; with and without
// JavaScript. Then a researcher opens the page that follows the same young people.

const YOUTH = "verzm26j";
const PASSWORD = "een lange zin als wachtwoord";

/** Answers the first three pages and arrives at the last, which holds the code. */
async function toTheCode(page: Page, marker: string) {
  await page.goto(`/${YOUTH}`);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await choose(page, /Hoe oud ben je\?/, "16 tot en met 18 jaar");
  await choose(page, /Ik ga graag naar school\./, "Eens");
  await choose(page, /volwassene bij wie ik terecht kan/, "Eens");
  await choose(page, /Welk rapportcijfer geef je je school\?/, "7");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Deel 2 van 4")).toBeVisible();
  await choose(page, /Ben je de afgelopen maand een dag of langer niet naar school gegaan/, "Nee");
  await page.getByRole("textbox", { name: /Wat zou jou helpen/ }).fill(marker);
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Deel 3 van 4")).toBeVisible();
  await choose(page, /Heb je het afgelopen jaar hulp gehad\?/, "Nee");
  await choose(page, /nemen volwassenen mij serieus/, "Eens");
  await choose(page, /Ik weet bij wie ik terecht kan/, "Eens");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Deel 4 van 4")).toBeVisible();
  await choose(page, /met andere jongeren die hetzelfde meemaken/, "Nee");
}

function letter(page: Page, question: RegExp) {
  return group(page, /Je eigen code/).getByRole("textbox", { name: question });
}

test("a young person makes a code, finds it kept, and another declines", async ({ page }, info) => {
  const marker = `Koppelcode (${info.project.name} ${Date.now()})`;
  await toTheCode(page, marker);
  const code = group(page, /Je eigen code/);
  await expect(code).toBeVisible();
  await expect(code.getByText(/Niemand kan aan de code zien wie je bent/)).toBeVisible();
  await expectAccessible(page, "the code block");

  // Half a code: the message is next to the block, what was typed stays.
  await letter(page, /voornaam van je moeder/).fill("m");
  await code.getByLabel("In welke maand ben je geboren?").selectOption({ label: "maart" });
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(code).toHaveAccessibleDescription(/Beantwoord elke vraag van de code\./);
  await expect(letter(page, /voornaam van je moeder/)).toHaveValue("m");
  await expectAccessible(page, "the code block with its message");

  // The whole code, then back and on again: kept, and not shown.
  await letter(page, /voornaam van je vader/).fill("J");
  await letter(page, /je eigen voornaam/).fill("S");
  await code.getByLabel("Op welke dag van de maand ben je geboren?").selectOption("17");
  await letter(page, /tweede letter van je achternaam/).fill("é");
  await page.getByRole("button", { name: "Vorige" }).click();
  await expect(page.getByText("Deel 3 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Deel 4 van 4")).toBeVisible();
  await expect(page.getByText("Je code is bewaard.")).toBeVisible();
  await expect(letter(page, /voornaam van je moeder/)).toHaveValue("");
  await expect(code.getByLabel("In welke maand ben je geboren?")).toHaveValue("");
  await choose(page, /met andere jongeren die hetzelfde meemaken/, "Nee");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bedankt!");
  // The answers are stored; the code is not among them.
  const mine = storedResponses(YOUTH).filter((r) => r.answers["wat-helpt"]?.[0] === marker);
  expect(mine).toHaveLength(1);
  expect(Object.keys(mine[0].answers)).not.toContain("koppelcode");

  // Another young person would rather not.
  await toTheCode(page, `${marker} liever niet`);
  await letter(page, /voornaam van je moeder/).fill("A");
  await page.getByRole("checkbox", { name: "Liever niet. Ik maak geen code." }).check();
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bedankt!");
});

test.describe("the researcher", () => {
  test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

  test("follows the same young people between the demo's rounds", async ({ page }, info) => {
    await signInToDemo(page, "volger", "eigenaar", PASSWORD);

    await page.goto("/beheer/projecten/samenhang/vergelijking");
    await page.getByRole("link", { name: "Dezelfde mensen volgen tussen rondes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dezelfde mensen gevolgd");
    const report = page.getByRole("table", { name: "Koppelcodes van jongeren per ronde" });
    await expect(report.getByRole("rowheader", { name: "Gevolgd", exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: /Antwoorden in Voorjaar 2026: gevolgd en niet gevolgd/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Wat veranderde bij dezelfde mensen?" })).toBeVisible();
    await expectAccessible(page, "following page");

    // The owner allows no difference at all: fewer are followed.
    await page.getByLabel("Onderdelen die mogen verschillen (0 tot 3)").fill("0");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dezelfde mensen gevolgd");
    await expect(page.getByLabel("Onderdelen die mogen verschillen (0 tot 3)")).toHaveValue("0");
    await expectAccessible(page, "following page, no difference allowed");
  });
});
