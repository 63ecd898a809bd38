import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, storedResponses } from "./helpers";

// A parent answers the demo questionnaire in Arabic (right to left) and in Turkish, on a
// phone, with and without JavaScript: the language is chosen on the introduction, every
// page is in that language and axe-clean, each question can be listened to (nothing loads
// until asked), no request leaves this machine, and the stored response carries the
// language with the same option keys as a Dutch one.

const PARENT = "verzm26p";

/** What this parent answers, by question key: an option value, several, or a text. */
const PLAN: [string, string | string[] | "first" | "text"][] = [
  ["leeftijd", "13-15"],
  ["graag-naar-school", "first"],
  ["volwassene-op-school", "first"],
  ["cijfer-school", "7"],
  ["thuisgebleven", "ja"],
  ["redenen", ["ziek", "spanning"]],
  ["wat-helpt", "text"],
  ["hulp-gehad", "nee"],
  ["serieus-genomen", "first"],
  ["weet-waar-hulp", "first"],
  ["alleen", "first"],
  ["anderen-ontmoeten", "nee"],
];

/** Answers the questions of the plan that this page shows, by their option values. */
async function answerPage(page: Page, marker: string) {
  for (const [key, answer] of PLAN) {
    const field = page.locator(`[name="q.${key}"]`);
    if ((await field.count()) === 0 || !(await field.first().isVisible())) continue;
    if (answer === "text") {
      await field.fill(marker);
    } else if (answer === "first") {
      await field.first().check();
    } else {
      for (const value of Array.isArray(answer) ? answer : [answer]) {
        await page.locator(`input[name="q.${key}"][value="${value}"]`).check();
      }
    }
  }
}

for (const [lang, name, dir] of [
  ["ar", "العربية", "rtl"],
  ["tr", "Türkçe", "ltr"],
] as const) {
  test(`a parent answers the demo in ${name}`, async ({ page }, info) => {
    const elsewhere: string[] = [];
    const sounds: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.hostname !== "127.0.0.1") elsewhere.push(r.url());
      if (url.pathname.includes("/luister/")) sounds.push(r.url());
    });
    const marker = `${lang} ${info.project.name} ${Date.now()}`;

    // The language is chosen on the Dutch introduction, listed in its own name.
    await page.goto(`/${PARENT}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.getByRole("link", { name, exact: true }).click();
    const html = page.locator("html");
    await expect(html).toHaveAttribute("lang", lang);
    await expect(html).toHaveAttribute("dir", dir);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Naar school: wat helpt?");
    await expectAccessible(page, `${lang}: introduction`);
    await expectNoSidewaysScroll(page);
    await page.locator("main form button[type=submit]").click();

    let pageNumber = 0;
    while (!page.url().includes("/bedankt")) {
      pageNumber += 1;
      expect(pageNumber, "the questionnaire ends").toBeLessThan(8);
      await expect(html).toHaveAttribute("lang", lang);
      await expect(html).toHaveAttribute("dir", dir);
      await expect(page.getByText("Volgende")).toHaveCount(0);
      if (pageNumber === 1) {
        // Every question can be listened to; nothing loads until it is played.
        const players = page.locator("audio");
        expect(await players.count()).toBeGreaterThan(1);
        for (const player of await players.all()) {
          await expect(player).toHaveAttribute("preload", "none");
          await expect(player).toHaveAttribute("controls", /.*/);
        }
        const src = await players.nth(1).getAttribute("src");
        const sound = await page.request.get(src!);
        expect(sound.status()).toBe(200);
        expect(sound.headers()["content-type"]).toBe("audio/ogg");
        expect((await sound.body()).subarray(0, 4).toString()).toBe("OggS");
        if (dir === "rtl") {
          // The scale runs from the right: the mark 1 stands right of the mark 2.
          const one = await page.locator('input[name="q.cijfer-school"][value="1"]').boundingBox();
          const two = await page.locator('input[name="q.cijfer-school"][value="2"]').boundingBox();
          expect(one!.x).toBeGreaterThan(two!.x);
          const direction = await page
            .locator("progress")
            .evaluate((p) => getComputedStyle(p).direction);
          expect(direction).toBe("rtl");
        }
      }
      await expectAccessible(page, `${lang}: page ${pageNumber}`);
      await expectNoSidewaysScroll(page);
      await answerPage(page, marker);
      await page.locator('button[name="nav"][value="next"]').click();
      await page.waitForLoadState("load");
    }

    await expect(html).toHaveAttribute("lang", lang);
    await expectAccessible(page, `${lang}: thanks`);
    expect(sounds, "no sound loaded by the pages themselves").toEqual([]);
    expect(elsewhere, "no request to another host").toEqual([]);

    const stored = storedResponses(PARENT).find((r) => r.answers["wat-helpt"]?.[0] === marker);
    expect(stored, "the response is stored").toBeDefined();
    expect(stored!.language).toBe(lang);
    expect(stored!.answers["leeftijd"]).toEqual(["13-15"]);
    expect(stored!.answers["redenen"]).toEqual(["ziek", "spanning"]);
    expect(stored!.answers["cijfer-school"]).toEqual(["7"]);
  });
}
