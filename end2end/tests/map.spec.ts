import { expect, test } from "@playwright/test";
import { jsEnabled } from "./helpers";

test("the device's location can be used as the place", async ({ page, context }, info) => {
  test.skip(!jsEnabled(info), "geolocation needs JavaScript; without it the fields and the description work");
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: 52.5413, longitude: 13.4124 });
  await page.goto("/melden/kategorie");
  await page.getByLabel("Straßenlaterne defekt").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Meinen Standort verwenden" }).click();
  await expect(page.getByRole("status")).toContainText("Gewählter Ort: 52.54130, 13.41240");
  await expect(page.locator("#lat")).toHaveValue("52.541300");
  await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();
  await expect(page.getByRole("heading", { name: "Fotos hinzufügen" })).toBeVisible();
});

test("the map can be used with the keyboard alone", async ({ page }, info) => {
  test.skip(!jsEnabled(info), "the map needs JavaScript");
  await page.goto("/melden/kategorie");
  await page.getByLabel("Ampel defekt").check();
  await page.keyboard.press("Enter");
  await page.getByLabel("Die Ampel ist ganz aus").check();
  await page.keyboard.press("Enter");
  const map = page.getByRole("region", { name: "Karte zur Auswahl des Orts" });
  // Leaflet's own controls speak the page's language too.
  await expect(page.getByRole("button", { name: "Vergrößern" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verkleinern" })).toBeVisible();
  await map.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Gewählter Ort:");
});
