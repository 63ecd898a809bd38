import { expect, test } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expectAccessible, expectNoSidewaysScroll } from "./helpers";

// A young person with only a printed flyer: the front page takes the code as printed.
// The server runs from a directory holding nothing but its own binary and database, so
// every page here also proves that the binary carries its CSS and WebAssembly.

test("the front page takes a code from a flyer", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samen in gesprek over opgroeien");
  await expectAccessible(page, "front page");
  await expectNoSidewaysScroll(page);

  const field = page.getByLabel("Heb je een code?");
  await field.fill("ABCD-EFGH");
  await page.getByRole("button", { name: "Naar de vragen" }).click();
  await expect(page.getByText("We kennen deze code niet.")).toBeVisible();
  await expect(page.getByLabel("Heb je een code?")).toHaveValue("ABCD-EFGH");
  await expect(page.getByLabel("Heb je een code?")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "front page with an unknown code");

  await page.getByLabel("Heb je een code?").fill("Verz-M26J");
  await page.getByRole("button", { name: "Naar de vragen" }).click();
  await expect(page).toHaveURL(/\/verzm26j\?lang=nl$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Naar school: wat helpt?");
});

test("one binary in an empty directory serves its own CSS and WebAssembly", async ({ page, request }) => {
  const dir = process.env.E2E_DATA_DIR ?? "";
  expect(existsSync(join(dir, "samenspraak")), "the binary was copied alone").toBe(true);
  expect(existsSync(join(dir, "target")) || existsSync(join(dir, "site")), "no site files beside it").toBe(false);

  await page.goto("/verzm26j");
  const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  expect(stylesheet).toMatch(/^\/pkg\/samenspraak\.[^.]+\.css$/);
  const css = await request.get(stylesheet!, { headers: { "accept-encoding": "br" } });
  expect(css.status()).toBe(200);
  expect(css.headers()["content-type"]).toBe("text/css");
  expect(css.headers()["content-encoding"]).toBe("br");
  expect(css.headers()["cache-control"]).toContain("immutable");
  const font = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
  expect(font, "the stylesheet applies").toContain("system-ui");

  for (const [file, type] of [
    ["/pkg/samenspraak.js", "javascript"],
    ["/pkg/samenspraak.wasm", "application/wasm"],
  ]) {
    const reply = await request.get(file);
    expect(reply.status(), file).toBe(200);
    expect(reply.headers()["content-type"], file).toContain(type);
  }
});
