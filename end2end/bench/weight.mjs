// Weight of the respondent pages: bytes on the wire per resource type, with and without
// JavaScript, and the time until the first question can be answered on a throttled phone.
//
//   node bench/weight.mjs http://127.0.0.1:3000 verzm26j
//
// Method: Debian's Chromium through Playwright, a fresh context (empty cache) per run, at
// 360×740. Bytes are the encoded (compressed) sizes Chromium reports per response, headers
// included. Throttling is Lighthouse's mobile profile ("slow 4G"): 150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×. Each case runs 5 times; the median is shown.
import { chromium } from "@playwright/test";

const [base = "http://127.0.0.1:3000", code = "verzm26j"] = process.argv.slice(2);
const RUNS = 5;
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });

/** The URL of the first questions page of a new draft. */
async function firstPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/${code}`);
  await page.getByRole("button").click();
  await page.waitForSelector("form#answers");
  const url = page.url();
  await context.close();
  return url;
}

async function measure(url, js, throttle) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const types = new Map();
  const bytes = {};
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    const type = (types.get(e.requestId) ?? "Other").toLowerCase();
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
    bytes.requests = (bytes.requests ?? 0) + 1;
  });
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator("input[type=radio], button").first().waitFor({ state: "visible" });
  const answerable = Date.now() - start;
  let enhanced = null;
  if (js && url.split("/").length > 4) {
    await page.waitForSelector("form#answers[data-enhanced]", { timeout: 60_000 });
    enhanced = Date.now() - start;
  }
  await page.waitForLoadState("networkidle");
  await context.close();
  return { bytes, answerable, enhanced };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

{
  const intro = await measure(`${base}/${code}`, true, false);
  const total = Object.entries(intro.bytes).filter(([k]) => k !== "requests").reduce((s, [, v]) => s + v, 0);
  console.log(`Introduction page (JavaScript on): ${intro.bytes.requests} requests, ${kb(total)} in all`);
}

for (const js of [false, true]) {
  const url = await firstPage();
  const sizes = await measure(url, js, false);
  const timings = [];
  for (let i = 0; i < RUNS; i++) timings.push(await measure(await firstPage(), js, true));
  const total = Object.entries(sizes.bytes).filter(([k]) => k !== "requests").reduce((s, [, v]) => s + v, 0);
  console.log(`\nFirst questions page, JavaScript ${js ? "on" : "off"}: ${sizes.bytes.requests} requests, ${kb(total)} in all`);
  for (const [type, n] of Object.entries(sizes.bytes).sort()) {
    if (type !== "requests") console.log(`  ${type.padEnd(12)} ${kb(n)}`);
  }
  const html = (sizes.bytes.document ?? 0) + (sizes.bytes.stylesheet ?? 0);
  console.log(`  HTML + CSS   ${kb(html)}`);
  console.log(`  slow 4G, first question answerable: median ${median(timings.map((t) => t.answerable))} ms`);
  if (js) console.log(`  slow 4G, island awake:              median ${median(timings.map((t) => t.enhanced))} ms`);
}
await browser.close();
