import { expect, test } from "@playwright/test";
import { expectAccessible, jsEnabled } from "./helpers";

// The map of Berlin's street trees on a phone: the trees drawn from the server's vector tiles,
// "Mein Standort" centres on the device's position, a tap on a tree opens its card. Without
// JavaScript the page says the map needs it and leads to the list. axe on both.
//
// SQLite only: the API tests read every tile on both databases; what the browser adds (drawing,
// tapping, geolocation) does not depend on the database.

test.beforeEach(({}, info) => {
  test.skip(info.project.name.includes("postgres"), "the API tests cover PostgreSQL");
});

// A young tree of the demo's real sample, in Köpenick.
const tree = { lat: 52.47598407160767, lon: 13.603804806017955, address: "Kastanienallee" };

test("on a phone the map draws the trees and a tap on one at my location opens its card", async ({ browser, baseURL }, info) => {
  test.skip(!jsEnabled(info), "the map is the enhancement of JavaScript; the next test covers the page without it");
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "de-DE",
    geolocation: { latitude: tree.lat, longitude: tree.lon },
    permissions: ["geolocation"],
  });
  const page = await context.newPage();
  await page.goto("/baeume/berlin");
  await page.getByRole("link", { name: "Alle Bäume auf der Karte" }).click();
  await expect(page.getByRole("heading", { name: "Baumkarte Berlin" })).toBeVisible();
  const map = page.getByRole("region", { name: "Karte der Stadtbäume" });
  await expect(map).toBeVisible();
  await expect(page.getByText("Die Karte braucht JavaScript.")).toBeHidden();
  await expect(page.getByText(/^Tippen Sie auf einen Baum/)).toBeVisible();
  await expect(map).toHaveAttribute("aria-busy", "false");
  await expect(page.getByRole("status")).toHaveText("Zoomen Sie näher heran, um einzelne Bäume zu sehen und zu öffnen.");
  await expectAccessible(page, "tree map");

  // The city's trees are drawn: some pixels of the tree tiles are painted.
  const painted = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>(".tree-map__trees canvas.leaflet-tile-loaded")].reduce((sum, canvas) => {
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return sum + n;
      }, 0),
    );
  expect(await painted()).toBeGreaterThan(1000);

  const closeTiles = page.waitForResponse((r) => r.url().includes("/baeume/berlin/kacheln/17/") && r.ok());
  await page.getByRole("button", { name: "Mein Standort" }).click();
  await closeTiles;
  await expect(map).toHaveAttribute("aria-busy", "false");
  await expect(page.locator(".tree-map__status")).toHaveText("");
  expect(await painted()).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: /Lieber als Liste/ })).toHaveAttribute("href", /lat=52\.47\d+&lon=13\.60\d+/);

  // The device's position is the tree's: a tap in the map's middle opens it.
  const box = (await map.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/baeume\/berlin\/baum\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(tree.address);
  await context.close();
});

test("without JavaScript the map page says so and leads to the list", async ({ page }, info) => {
  test.skip(jsEnabled(info), "with JavaScript the map is shown (previous test)");
  await page.goto("/baeume/berlin/karte");
  await expect(page.getByRole("heading", { name: "Baumkarte Berlin" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Karte der Stadtbäume" })).toHaveText("Die Karte braucht JavaScript. Die Liste funktioniert ohne.");
  await expect(page.getByText(/^Tippen Sie auf einen Baum/)).toBeHidden();
  await expect(page.getByRole("button", { name: "Mein Standort" })).toBeHidden();
  await expectAccessible(page, "tree map without JavaScript");
  await page.getByRole("link", { name: /Lieber als Liste/ }).click();
  await expect(page.getByRole("heading", { name: "Bäume in Berlin" })).toBeVisible();
});

// A pump OpenStreetMap records as broken (node 731226389, Schöneberg): another than the one
// trees.spec.ts reports from the list.
const pump = { id: 731226389, lat: 52.4940027, lon: 13.336842 };

test("a tap on a broken pump on the map opens its card, and once reported the card says so", async ({ page }, info) => {
  test.skip(!jsEnabled(info), "the map is the enhancement of JavaScript; trees.spec.ts reports a pump from the list without it");
  await page.goto(`/baeume/berlin/karte?lat=${pump.lat}&lon=${pump.lon}`);
  const map = page.getByRole("region", { name: "Karte der Stadtbäume" });
  await expect(map).toHaveAttribute("aria-busy", "false");
  await expect(page.getByText("Quadrat mit rotem Kreuz: Straßenbrunnen außer Betrieb (defekt, verschlossen, …)")).toBeVisible();

  // The map opened at the pump: it is drawn in the middle, over the trees.
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(new RegExp(`/baeume/berlin/pumpe/${pump.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Straßenbrunnen");
  await expect(page.getByText("Laut OpenStreetMap: defekt")).toBeVisible();
  await expectAccessible(page, "pump card");

  await page.getByRole("button", { name: "Pumpe defekt melden" }).click();
  await expect(page.getByRole("heading", { name: "Was ist an der Pumpe kaputt?" })).toBeVisible();
  await page.getByLabel("Der Schwengel fehlt oder ist abgebrochen").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();
  await page.getByRole("link", { name: "Ohne Foto weiter" }).click();
  await page.getByLabel("Beschreiben Sie das Problem").fill("Der Schwengel ist abgebrochen.");
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Meldung absenden" }).click();
  await expect(page.getByRole("heading", { name: "Meldung eingegangen" })).toBeVisible();

  await page.goto(`/baeume/berlin/pumpe/${pump.id}`);
  await expect(page.getByText(/^Als defekt gemeldet: Meldung BER-/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Pumpe defekt melden" })).toHaveCount(0);
  await expectAccessible(page, "pump card while reported");
  await page.getByRole("link", { name: /^BER-/ }).click();
  await expect(page.getByText("Straßenbrunnen (Pumpe) defekt").first()).toBeVisible();
});
