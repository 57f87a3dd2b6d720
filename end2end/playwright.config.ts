import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Every spec runs in Chromium on a phone-sized screen, with JavaScript on and off, against a
// server on SQLite and one on PostgreSQL. The servers start from the binary the test command
// built (target/debug/kiezwerk) with fresh data and the demo configuration.
const chromium = "/usr/bin/chromium";
const server = "../target/debug/kiezwerk serve --demo";
const postgres = process.env.KIEZWERK_E2E_POSTGRES_URL;

function environment(port: number, database?: string) {
  const data = mkdtempSync(join(tmpdir(), "kiezwerk-e2e-"));
  return {
    KIEZWERK_DATA_DIR: data,
    KIEZWERK_BIND: `127.0.0.1:${port}`,
    KIEZWERK_SITE_ROOT: "../target/site",
    KIEZWERK_INTAKE_PER_MINUTE: "10000",
    ...(database ? { KIEZWERK_DATABASE_URL: database } : {}),
  };
}

const databases = [
  { name: "sqlite", port: 3100, url: undefined as string | undefined },
  ...(postgres ? [{ name: "postgres", port: 3101, url: postgres }] : []),
];

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [["list"]],
  use: {
    viewport: { width: 390, height: 844 },
    locale: "de-DE",
    hasTouch: true,
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-unsafe-swiftshader",
      ],
    },
  },
  projects: databases.flatMap((db) => [
    { name: `js-${db.name}`, use: { baseURL: `http://127.0.0.1:${db.port}`, javaScriptEnabled: true } },
    { name: `nojs-${db.name}`, use: { baseURL: `http://127.0.0.1:${db.port}`, javaScriptEnabled: false } },
  ]),
  webServer: databases.map((db) => ({
    command: server,
    url: `http://127.0.0.1:${db.port}/healthz`,
    env: environment(db.port, db.url),
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  })),
});
