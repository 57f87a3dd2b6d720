import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectAccessible, jsEnabled, staffSignsIn, workPage } from "./helpers";

// Open standards in the browser: a municipal administrator hands out an API key (shown once),
// a program posts a report with it, the administrator revokes it and the program is refused at
// once. Anyone finds the municipality's open data with licence and date and downloads the
// reports and the waterings of its street trees. JavaScript on and off, on a phone's screen, axe on every page.

const PANKOW = { lat: "52.5413", long: "13.4124" };

function post(key: string) {
  return {
    form: {
      api_key: key,
      jurisdiction_id: "berlin",
      service_code: "illegal-dumping",
      ...PANKOW,
      "attribute[waste_kind]": "rubble",
      "attribute[amount]": "small",
    },
  };
}

test("an administrator creates an API key, sees it once and revokes it", async ({ browser, request, baseURL }, info) => {
  const js = jsEnabled(info);
  const signedIn = await staffSignsIn(browser, baseURL!, "municipal_admin", "berlin", `Amtsleitung ${info.project.name}`);
  const page = await workPage(browser, baseURL!, js, signedIn);
  const name = `Mängel-App ${info.project.name} ${info.repeatEachIndex}`;

  await page.goto("/verwaltung/berlin");
  await page.getByRole("link", { name: "Schnittstellen-Schlüssel (Open311) verwalten" }).click();
  await expect(page.getByRole("heading", { name: "Schnittstellen-Schlüssel Berlin" })).toBeVisible();
  await expectAccessible(page, "API keys");

  // Without a name: the error summary links to the field, nothing is made.
  await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
  await expect(page).toHaveTitle(/^Fehler: /);
  await page.getByRole("link", { name: "Geben Sie einen Namen ein" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await expectAccessible(page, "API keys with an error");

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Lesen und schreiben").check();
  await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
  await expect(page.getByRole("heading", { name: "Neuer Schlüssel – jetzt kopieren" })).toBeVisible();
  const key = (await page.locator("#new-key").textContent())!.trim();
  expect(key).toMatch(/^kw_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, "new key shown once");

  expect((await request.post("/open311/v2/requests.json", post(key))).status()).toBe(201);

  await page.goto("/verwaltung/berlin/schnittstellen");
  await expect(page.locator("#new-key")).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(key.slice(0, 7));
  await expect(row).not.toContainText("nie");
  await row.getByRole("button", { name: `Schlüssel „${name}“ widerrufen` }).click();
  await expect(page.getByText(`Der Schlüssel „${name}“ ist widerrufen`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("widerrufen");
  await expectAccessible(page, "API keys after revoking");

  expect((await request.post("/open311/v2/requests.json", post(key))).status()).toBe(403);
  await signedIn.context().close();
  if (!js) await page.context().close();
});

test("anyone finds the open data with licence and date and downloads the reports", async ({ page, request }) => {
  expect((await request.post("/open311/v2/requests.json", post("demo-key"))).status()).toBe(201);
  await page.goto("/");
  await page.getByRole("link", { name: "Offene Daten" }).click();
  await expect(page.getByRole("heading", { name: "Offene Daten" })).toBeVisible();
  await expectAccessible(page, "open data index");
  await page.getByRole("link", { name: "Offene Daten Berlin" }).click();
  await expect(page.getByRole("heading", { name: "Offene Daten Berlin", level: 1 })).toBeVisible();
  const reports = page.getByRole("region", { name: "Meldungen an Berlin" });
  await expect(reports.getByRole("link", { name: "Datenlizenz Deutschland – Namensnennung – Version 2.0" })).toBeVisible();
  await expect(reports.getByText(/Datenstand: /)).toBeVisible();
  await expectAccessible(page, "open data of Berlin");

  const download = page.waitForEvent("download");
  await reports.getByRole("link", { name: /CSV herunterladen/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("berlin-meldungen.csv");
  const geojson = await request.get((await reports.getByRole("link", { name: /GeoJSON herunterladen/ }).getAttribute("href"))!);
  expect(geojson.status()).toBe(200);
  const collection = await geojson.json();
  expect(collection.type).toBe("FeatureCollection");
  expect(collection.features.length).toBeGreaterThan(0);

  // Berlin has a tree register: its trees' waterings are a second dataset, CC0, in the columns
  // of Gieß den Kiez's export.
  const waterings = page.getByRole("region", { name: "Gießungen von Stadtbäumen in Berlin" });
  await expect(waterings.getByRole("link", { name: "Creative Commons Zero (CC0 1.0)" })).toBeVisible();
  const wateringsDownload = page.waitForEvent("download");
  await waterings.getByRole("link", { name: /CSV herunterladen/ }).click();
  const wateringsFile = await wateringsDownload;
  expect(wateringsFile.suggestedFilename()).toBe("berlin-giessungen.csv");
  const text = readFileSync((await wateringsFile.path())!, "utf8");
  expect(text.split("\r\n")[0]).toBe("id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;zeitpunkt_der_bewaesserung;bewaesserungsmenge_in_liter");
});
