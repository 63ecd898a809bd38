import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAccessible, jsEnabled, signInToDemo } from "./helpers";

// Coding open answers of the demo in the queue, by keyboard.

const PASSWORD = "een lange zin als wachtwoord";

/** Answers the demo youth questionnaire as a browser without JavaScript would. */
async function respond(request: APIRequestContext, text: string) {
  const start = await request.post("/verzm26j", { form: { lang: "nl" }, maxRedirects: 0 });
  let page = start.headers()["location"];
  const pages: Record<string, string>[] = [
    { "q.leeftijd": "13-15", "q.graag-naar-school": "eens", "q.volwassene-op-school": "eens", "q.cijfer-school": "7" },
    { "q.thuisgebleven": "nee", "q.wat-helpt": text },
    { "q.hulp-gehad": "nee", "q.serieus-genomen": "eens", "q.weet-waar-hulp": "eens" },
    { "q.anderen-ontmoeten": "nee" },
  ];
  for (const answers of pages) {
    const reply = await request.post(page, { form: { ...answers, nav: "next" }, maxRedirects: 0 });
    expect(reply.status(), await reply.text()).toBe(303);
    page = reply.headers()["location"];
  }
  expect(page).toContain("/bedankt");
}

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

test("a researcher codes open answers from the demo in the queue", async ({ page, request }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  await respond(request, `Een vaste mentor (${run})`);
  await respond(request, `Later beginnen (${run})`);

  await signInToDemo(page, "codeur", "onderzoeker", PASSWORD);

  await page.goto("/beheer/projecten/samenhang/codeboek");
  await page.getByLabel("Naam van de code", { exact: true }).fill(`Steun ${run}`);
  await page.getByRole("button", { name: "Code toevoegen" }).click();
  await page.getByRole("link", { name: "Open antwoorden coderen" }).click();
  await page.getByLabel("Open vraag").selectOption("naar-school/wat-helpt");
  await page.getByRole("button", { name: "Kies" }).click();
  await expect(page.locator(".queue-answer")).toBeVisible();
  await expectAccessible(page, "coding queue");

  const code = page.getByRole("checkbox", { name: new RegExp(`Steun ${run}`) });
  const number = (await code.getAttribute("data-shortcut"))!;
  const first = await page.locator(".queue-answer").textContent();
  if (jsEnabled(info)) {
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(number);
    await expect(code).toBeChecked();
    await page.keyboard.press("Enter");
  } else {
    await code.focus();
    await page.keyboard.press("Space");
    await expect(code).toBeChecked();
    await page.keyboard.press("Enter");
  }
  await expect(page.locator(".queue-answer")).not.toHaveText(first!);
});
