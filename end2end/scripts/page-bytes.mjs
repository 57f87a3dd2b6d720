// Prints the gzip bytes of JavaScript, WebAssembly and CSS that each step of the report flow
// loads on a first visit (empty cache), and fails if a step exceeds its budget:
//   first step (category) ≤ 150 kB, location step (with the map library) ≤ 200 kB  (1 kB = 1000 bytes),
//   and our own guard for the one step with WebAssembly: photo step ≤ 160 kB (catches, for
//   example, a build that skipped wasm-opt). The street trees' pages (nearby list, a tree's
//   card, the map with its tiles' code) ≤ 134 kB each: a fifth of the 671 kB "Gieß den Kiez"
//   loads before its first tree.
//
// It starts its own server from target/debug/kiezwerk with target/site (build both first; the
// README's test command does) and walks the flow in Chromium with JavaScript on.
//
//   node end2end/scripts/page-bytes.mjs

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const port = 3200;
const base = `http://127.0.0.1:${port}`;
const budgets = { category: 150_000, location: 200_000, photos: 160_000, "trees nearby": 134_000, "tree card": 134_000, "tree map": 134_000 };

const server = spawn(join(root, "target/debug/kiezwerk"), ["serve", "--demo"], {
  cwd: root,
  env: {
    ...process.env,
    KIEZWERK_DATA_DIR: mkdtempSync(join(tmpdir(), "kiezwerk-bytes-")),
    KIEZWERK_BIND: `127.0.0.1:${port}`,
    KIEZWERK_SITE_ROOT: join(root, "target/site"),
  },
  stdio: ["ignore", "ignore", "inherit"],
});

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

const kind = (url, type) => {
  if (url.endsWith(".wasm")) return "wasm";
  if (type === "script" || url.endsWith(".js")) return "js";
  if (type === "stylesheet" || url.endsWith(".css")) return "css";
  return null;
};

let failed = false;
try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // One context keeps the draft cookie; every step is measured with the cache off, as a first visit.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "de-DE" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  const rows = [];
  async function measure(step, action) {
    const loaded = [];
    const onResponse = async (response) => {
      const k = kind(response.url(), response.request().resourceType());
      if (!k || !response.ok()) return;
      loaded.push(
        response.body().then((body) => ({ k, url: response.url().replace(base, ""), gz: gzipSync(body, { level: 9 }).length })),
      );
    };
    page.on("response", onResponse);
    await action();
    await page.waitForLoadState("networkidle");
    page.off("response", onResponse);
    // A preloaded file is fetched twice with the cache off; a real first visit fetches it once.
    const files = [...new Map((await Promise.all(loaded)).map((f) => [f.url, f])).values()];
    const sum = (k) => files.filter((f) => f.k === k).reduce((s, f) => s + f.gz, 0);
    const total = files.reduce((s, f) => s + f.gz, 0);
    const budget = budgets[step];
    const over = budget !== undefined && total > budget;
    failed ||= over;
    rows.push({ step, js: sum("js"), wasm: sum("wasm"), css: sum("css"), total, budget: budget ?? "", verdict: budget === undefined ? "" : over ? "OVER BUDGET" : "ok" });
    for (const f of files) console.log(`  ${step.padEnd(12)} ${f.k.padEnd(4)} ${String(f.gz).padStart(7)}  ${f.url}`);
  }

  await measure("start", () => page.goto(`${base}/`));
  await measure("category", () => page.goto(`${base}/melden/kategorie`));
  await page.getByLabel("Illegale Müllablagerung").check();
  await measure("details", () => page.getByRole("button", { name: "Weiter" }).click());
  await page.getByLabel("Möbel oder Sperrmüll").check();
  await measure("details 2", () => page.getByRole("button", { name: "Weiter" }).click());
  await page.getByLabel("Bis etwa ein Kubikmeter").check();
  await measure("location", () => page.getByRole("button", { name: "Weiter" }).click());
  await page.getByText("Koordinaten eingeben").click();
  await page.getByLabel("Breitengrad").fill("52.5413");
  await page.getByLabel("Längengrad").fill("13.4124");
  await measure("photos", () => page.getByRole("button", { name: "Diesen Ort verwenden" }).click());
  await measure("description", () => page.getByRole("link", { name: "Ohne Foto weiter" }).click());
  await page.getByLabel("Beschreiben Sie das Problem").fill("Sofa am Straßenrand");
  await measure("contact", () => page.getByRole("button", { name: "Weiter" }).click());
  await measure("check", () => page.getByRole("button", { name: "Weiter" }).click());
  await measure("confirmation", () => page.getByRole("button", { name: "Meldung absenden" }).click());
  await measure("status", () => page.getByRole("link", { name: "Öffentliche Statusseite" }).click());
  await measure("trees nearby", () => page.goto(`${base}/baeume/berlin?strasse=Sch%C3%B6nholzer`));
  await measure("tree card", () => page.getByRole("link", { name: "Robinie" }).first().click());
  await measure("tree map", () => page.goto(`${base}/baeume/berlin/karte`));
  await browser.close();

  console.log("\ngzip bytes (level 9) of JS + WASM + CSS per step, first visit:");
  console.table(rows);
} finally {
  server.kill("SIGTERM");
}
if (failed) {
  console.error("A step is over its budget.");
  process.exit(1);
}
