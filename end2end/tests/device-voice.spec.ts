import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, jsEnabled } from "./helpers";

// With JavaScript, a question can be read by the device's own voice, each part highlighted
// while it is read — only a voice the device speaks itself, never one that sends the text
// away. The headless browser here has no voices, so the Web Speech API is replaced by a
// stand-in that records what it is asked to say (the one part that cannot run here).

const YOUTH = "verzm26j";

/** A stand-in for `speechSynthesis` with these voices; what is said goes to `__spoken`. */
async function voices(page: Page, list: { name: string; lang: string; localService: boolean }[]) {
  await page.addInitScript((list) => {
    const spoken: { text: string; voice: string | undefined }[] = [];
    (window as any).__spoken = spoken;
    // Every part that gets highlighted, in order.
    const highlighted: string[] = [];
    (window as any).__highlighted = highlighted;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.classList?.contains("speaking")) highlighted.push((el.textContent ?? "").trim());
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["class"] });
    class Utterance {
      text: string;
      voice: any = null;
      lang = "";
      onstart: (() => void) | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const queue: Utterance[] = [];
    const next = () => {
      const u = queue[0];
      if (!u) return;
      u.onstart?.();
      setTimeout(() => {
        if (queue[0] !== u) return;
        queue.shift();
        u.onend?.();
        next();
      }, 400);
    };
    const synth = {
      onvoiceschanged: null,
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => list.map((v) => ({ ...v, default: false, voiceURI: v.name })),
      speak(u: Utterance) {
        spoken.push({ text: u.text, voice: u.voice?.name });
        queue.push(u);
        if (queue.length === 1) next();
      },
      cancel() {
        queue.length = 0;
      },
      pause() {},
      resume() {},
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    (window as any).SpeechSynthesisUtterance = Utterance;
  }, list);
}

async function firstQuestions(page: Page) {
  await page.goto(`/${YOUTH}`);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await expect(page.locator("#answers")).toBeVisible();
}

test("a question is read by the device's own voice and highlighted while it is read", async ({ page }, info) => {
  test.skip(!jsEnabled(info), "the device's voice needs JavaScript; without it the server's sound plays");
  await voices(page, [
    { name: "Netwerkstem", lang: "nl-NL", localService: false },
    { name: "Toestelstem", lang: "nl-NL", localService: true },
  ]);
  await firstQuestions(page);
  await expect(page.locator("#answers")).toHaveAttribute("data-device-voice", "Toestelstem");
  const buttons = page.getByRole("button", { name: "Voorlezen met dit toestel" });
  expect(await buttons.count()).toBe(await page.locator("#answers .question").count());
  await expectAccessible(page, "questions with the device's voice");

  const first = page.locator("#answers .question").first();
  const wording = (await first.locator(".text").textContent())!.trim();
  await first.getByRole("button", { name: "Voorlezen met dit toestel" }).click();
  await expect(first.locator(".text")).toHaveClass(/speaking/);
  await expect(first.getByRole("button", { name: "Stoppen met voorlezen" })).toBeVisible();
  await expect(first.getByRole("button", { name: "Voorlezen met dit toestel" })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".speaking")).toHaveCount(0);

  const spoken: { text: string; voice: string }[] = await page.evaluate(() => (window as any).__spoken);
  expect(spoken[0]).toEqual({ text: wording, voice: "Toestelstem" });
  const options = (await first.locator(".option label").allTextContents()).map((t) => t.trim());
  expect(spoken.map((s) => s.text).slice(-options.length)).toEqual(options);
  expect(spoken.every((s) => s.voice === "Toestelstem")).toBe(true);
  // Each part was highlighted while it was read, in the order it was read.
  const highlighted: string[] = await page.evaluate(() => (window as any).__highlighted);
  expect(highlighted).toEqual(spoken.map((s) => s.text));

  // Stopped half-way: nothing stays highlighted.
  await first.getByRole("button", { name: "Voorlezen met dit toestel" }).click();
  await first.getByRole("button", { name: "Stoppen met voorlezen" }).click();
  await expect(page.locator(".speaking")).toHaveCount(0);
  await expect(first.getByRole("button", { name: "Voorlezen met dit toestel" })).toBeVisible();
});

test("without a voice of the device's own, nothing is offered and the server's sound stays", async ({ page }, info) => {
  test.skip(!jsEnabled(info), "the device's voice needs JavaScript");
  await voices(page, [
    { name: "Netwerkstem", lang: "nl-NL", localService: false },
    { name: "Engelse stem", lang: "en-GB", localService: true },
  ]);
  await firstQuestions(page);
  await expect(page.locator("form[data-enhanced]")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Voorlezen met dit toestel" })).toHaveCount(0);
  await expect(page.locator("#answers")).not.toHaveAttribute("data-device-voice", /.*/);
  const spoken: unknown[] = await page.evaluate(() => (window as any).__spoken);
  expect(spoken).toEqual([]);
});
