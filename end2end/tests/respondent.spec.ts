import { expect, test } from "@playwright/test";
import {
  choose,
  expectAccessible,
  expectNoSidewaysScroll,
  group,
  jsEnabled,
  storedResponses,
  tick,
} from "./helpers";

// The demo questionnaire "Naar school: wat helpt?" for young people, answered on a phone,
// once with JavaScript (islands) and once without. Every page is checked with axe-core.

const YOUTH = "verzm26j";

test("a young person answers the demo questionnaire", async ({ page }, info) => {
  const js = jsEnabled(info);
  const marker = `Een mentor die luistert (${info.project.name} ${Date.now()})`;

  await page.goto(`/${YOUTH}`);
  await expect(page).toHaveTitle(/Naar school: wat helpt\?/);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Naar school: wat helpt?");
  await expect(page.getByText("Je vult de vragen anoniem in.")).toBeVisible();
  await expect(page.getByText(/Het duurt ongeveer 6 minuten/)).toBeVisible();
  await expectAccessible(page, "introduction");
  await expectNoSidewaysScroll(page);
  await page.getByRole("button", { name: "Beginnen" }).click();

  // Page 1: nothing answered yet, then "Volgende": errors at the top and at each field.
  await expect(page.getByText("Deel 1 van 4")).toBeVisible();
  await expectAccessible(page, "page 1");
  await choose(page, /Hoe oud ben je\?/, "13 tot en met 15 jaar");
  const urlBefore = page.url();
  await page.getByRole("button", { name: "Volgende" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(3);
  const schoolGroup = group(page, /Ik ga graag naar school\./);
  await expect(schoolGroup).toHaveAccessibleDescription(/Kies een antwoord\./);
  if (js) {
    expect(page.url(), "instant validation: nothing was sent").toBe(urlBefore);
  } else {
    await expect(page).toHaveTitle(/^Let op:/);
  }
  // What was chosen is kept.
  await expect(group(page, /Hoe oud ben je\?/).getByRole("radio", { name: "13 tot en met 15 jaar" })).toBeChecked();
  await expectAccessible(page, "page 1 with errors");

  await choose(page, /Ik ga graag naar school\./, "Oneens");
  await choose(page, /volwassene bij wie ik terecht kan/, "Weet ik niet");
  await choose(page, /Welk rapportcijfer geef je je school\?/, "6");
  await page.getByRole("button", { name: "Volgende" }).click();

  // Page 2: a follow-up question that depends on a yes/no answer.
  await expect(page.getByText("Deel 2 van 4")).toBeVisible();
  const reasons = group(page, /Waarom ging je niet naar school\?/);
  if (js) {
    await expect(reasons).toBeHidden();
  } else {
    await expect(page.getByText(/Alleen invullen als je bij vraag 5 "Ja" hebt gekozen\./)).toBeVisible();
  }
  await expectAccessible(page, "page 2");
  await choose(page, /Ben je de afgelopen maand een dag of langer niet naar school gegaan/, "Ja");
  await expect(reasons).toBeVisible();
  await tick(page, /Waarom ging je niet naar school\?/, "Te moe of slecht geslapen");
  await tick(page, /Waarom ging je niet naar school\?/, "Gepest");
  const story = page.getByRole("textbox", { name: /Wat zou jou helpen/ });
  await story.fill(marker);
  if (js) {
    await expect(page.getByText(`${marker.length} van 2000 tekens`)).toBeVisible();
  }
  await page.getByRole("button", { name: "Volgende" }).click();

  // Page 3, then back and forth: answers are kept.
  await expect(page.getByText("Deel 3 van 4")).toBeVisible();
  await expectAccessible(page, "page 3");
  await choose(page, /Heb je het afgelopen jaar hulp gehad\?/, "Nee");
  if (js) {
    await expect(group(page, /De hulp kwam op tijd\./)).toBeHidden();
  }
  await choose(page, /nemen volwassenen mij serieus/, "Eens");
  await choose(page, /Ik weet bij wie ik terecht kan/, "Helemaal eens");
  await page.getByRole("button", { name: "Vorige" }).click();
  await expect(page.getByText("Deel 2 van 4")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /Wat zou jou helpen/ })).toHaveValue(marker);
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Deel 3 van 4")).toBeVisible();
  await expect(group(page, /Ik weet bij wie ik terecht kan/).getByRole("radio", { name: "Helemaal eens" })).toBeChecked();
  await page.getByRole("button", { name: "Volgende" }).click();

  // Page 4: the last one is sent with "Versturen".
  await expect(page.getByText("Deel 4 van 4")).toBeVisible();
  await expectAccessible(page, "page 4");
  await choose(page, /met andere jongeren die hetzelfde meemaken/, "Nee");
  await page.getByRole("textbox", { name: /Heb je nog een tip/ }).fill("Meer pauzes");
  await expectNoSidewaysScroll(page);
  await page.getByRole("button", { name: "Versturen" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bedankt!");
  await expectAccessible(page, "thank-you page");
  const thanksUrl = page.url();

  // The stored response: the answers, the day, and nothing about the person.
  const mine = storedResponses(YOUTH).filter((r) => r.answers["wat-helpt"]?.[0] === marker);
  expect(mine).toHaveLength(1);
  const response = mine[0];
  expect(Object.keys(response).sort()).toEqual(["answers", "audience", "group", "id", "language", "submitted_on"]);
  expect(response.audience).toBe("youth");
  expect(response.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(response.answers).toEqual({
    leeftijd: ["13-15"],
    "graag-naar-school": ["oneens"],
    "volwassene-op-school": ["weet-niet"],
    "cijfer-school": ["6"],
    thuisgebleven: ["ja"],
    redenen: ["moe", "pesten"],
    "wat-helpt": [marker],
    "hulp-gehad": ["nee"],
    "serieus-genomen": ["eens"],
    "weet-waar-hulp": ["helemaal-eens"],
    "anderen-ontmoeten": ["nee"],
    tip: ["Meer pauzes"],
  });

  // Back and send again: still one response.
  await page.goBack();
  if (page.url() !== thanksUrl) {
    const send = page.getByRole("button", { name: "Versturen" });
    if (await send.isVisible()) {
      await send.click();
    }
  }
  expect(storedResponses(YOUTH).filter((r) => r.answers["wat-helpt"]?.[0] === marker)).toHaveLength(1);
  const cookies = await page.context().cookies();
  expect(cookies, "no cookie at all").toEqual([]);
});

test("the pages reflow at 320 pixels and switch to English", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/${YOUTH}`);
  await expectNoSidewaysScroll(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();
  await expectAccessible(page, "introduction in English");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByText("Part 1 of 4")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, "page 1 in English");
});

test("unknown and closed links get a friendly page", async ({ page }) => {
  const unknown = await page.goto("/abcdefgh");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze link werkt niet");
  await expectAccessible(page, "unknown link");

  const closed = await page.goto("/verzm26v");
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze vragenlijst is gesloten");
  await expectAccessible(page, "closed link");
});

test("no request leaves the machine", async ({ page }) => {
  const hosts = new Set<string>();
  page.on("request", (request) => hosts.add(new URL(request.url()).host));
  await page.goto(`/${YOUTH}`);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await expect(page.getByText("Deel 1 van 4")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect([...hosts].filter((h) => !h.startsWith("127.0.0.1"))).toEqual([]);
});
