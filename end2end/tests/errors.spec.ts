import { expect, test } from "@playwright/test";
import { expectAccessible, jsEnabled } from "./helpers";

test("missing answers show an error summary that links to the field", async ({ page }, info) => {
  await page.goto("/melden/kategorie");
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page).toHaveTitle(/^Fehler: Was möchten Sie melden\?/);
  const summary = page.getByRole("alert").filter({ hasText: "Es gibt ein Problem" });
  await expect(summary).toBeVisible();
  if (jsEnabled(info)) {
    await expect(summary).toBeFocused();
  }
  await expectAccessible(page, "category step with an error");
  await summary.getByRole("link", { name: "Wählen Sie aus, was Sie melden möchten" }).click();
  await expect(page).toHaveURL(/#category$/);
  await expect(page.locator("#category")).toBeFocused();
});

test("a place outside the municipalities is refused and the typed values stay", async ({ page }) => {
  await page.goto("/melden/kategorie");
  await page.getByLabel("Schlagloch oder Straßenschaden").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByText("Koordinaten eingeben").click();
  await page.getByLabel("Breitengrad").fill("53.55");
  await page.getByLabel("Längengrad").fill("9.99");
  await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();
  await expect(page).toHaveTitle(/^Fehler: /);
  await expect(page.getByRole("link", { name: /liegt außerhalb der Gemeinden, die Kiezwerk betreut/ })).toBeVisible();
  await expect(page.getByLabel("Breitengrad")).toHaveValue("53.55");
  await expectAccessible(page, "location step with an error");
});

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/melden/kategorie");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { name: "What would you like to report?" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: "Select what you would like to report" })).toBeVisible();
  await expectAccessible(page, "English error page");
  await page.getByRole("button", { name: "Auf Deutsch umschalten" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
});
