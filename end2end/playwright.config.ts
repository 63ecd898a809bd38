import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A fresh SQLite file for every run, served by the release binary that `cargo leptos build
// --release` made and `samenspraak bundle` filled with the site's files, copied alone into
// an empty directory (so every test also proves that one file is a whole installation),
// with the demo project loaded. Only loopback is ever contacted.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "samenspraak-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
export const DATABASE_URL = `sqlite:${join(dataDir, "e2e.db")}`;
process.env.E2E_DATABASE_URL = DATABASE_URL;
const port = Number(process.env.E2E_PORT ?? 3311);
export const BASE_URL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// A cheap Android phone.
const phone = {
  ...devices["Pixel 5"],
  viewport: { width: 360, height: 740 },
  launchOptions: chromium,
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "nl-NL",
    trace: "off",
  },
  projects: [
    { name: "phone-js", use: { ...phone, javaScriptEnabled: true } },
    { name: "phone-no-js", use: { ...phone, javaScriptEnabled: false } },
  ],
  webServer: {
    command: `cp ../target/release/samenspraak "${dataDir}/samenspraak" && cd "${dataDir}" && exec ./samenspraak serve --demo`,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL,
      SAMENSPRAAK_ADDR: `127.0.0.1:${port}`,
      SAMENSPRAAK_BASE_URL: BASE_URL,
      RUST_LOG: "warn",
    },
  },
});
