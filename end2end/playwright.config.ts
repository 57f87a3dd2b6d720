import { defineConfig } from "@playwright/test";
import { binary, servers } from "./servers";

// Every spec runs in Chromium on a phone-sized screen, with JavaScript on and off, against a
// server on SQLite and one on PostgreSQL. The servers start from the binary the test command
// built (target/debug/kiezwerk) with fresh data and the demo configuration.
const chromium = "/usr/bin/chromium";

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
  projects: servers.flatMap((server) => [
    { name: `js-${server.name}`, use: { baseURL: server.baseURL, javaScriptEnabled: true } },
    { name: `nojs-${server.name}`, use: { baseURL: server.baseURL, javaScriptEnabled: false } },
  ]),
  webServer: servers.map((server) => ({
    command: `${binary} serve --demo`,
    url: `http://127.0.0.1:${server.port}/healthz`,
    env: server.env,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  })),
});
