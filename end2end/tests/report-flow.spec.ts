import { expect, test } from "@playwright/test";
import { expectAccessible, jsEnabled, photo, tapDistrict } from "./helpers";

// The first real journey: a citizen on a phone reports illegally dumped waste in Pankow with a
// photo; the report goes to the Ordnungsamt Pankow; the citizen gets a reference number and a
// status page. Every step is checked with axe.
test("a citizen reports dumped waste in Pankow with a photo and follows it on the status page", async ({ page }, info) => {
  const js = jsEnabled(info);

  await page.goto("/");
  await expectAccessible(page, "start page");
  await page.getByRole("link", { name: "Jetzt melden" }).click();

  await expect(page.getByRole("heading", { name: "Was möchten Sie melden?" })).toBeVisible();
  await expect(page.getByText("Schritt 1 von 6")).toBeVisible();
  await expectAccessible(page, "category step");
  await page.getByLabel("Illegale Müllablagerung").check();
  await page.getByRole("button", { name: "Weiter" }).click();

  // One question per page: the category's two extra questions follow each other.
  await expect(page.getByRole("heading", { name: "Was für Abfall ist es?" })).toBeVisible();
  await expect(page.getByText("Schritt 2 von 7")).toBeVisible();
  await expect(page.getByText("Illegale Müllablagerung – Frage 1 von 2")).toBeVisible();
  await expectAccessible(page, "first extra question");
  await page.getByLabel("Möbel oder Sperrmüll").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByRole("heading", { name: "Wie viel ist es ungefähr?" })).toBeVisible();
  await expect(page.getByText("Illegale Müllablagerung – Frage 2 von 2")).toBeVisible();
  await expect(page.getByLabel("Möbel oder Sperrmüll")).toHaveCount(0);
  await expectAccessible(page, "second extra question");
  await page.getByLabel("Bis etwa ein Kubikmeter").check();
  await page.getByRole("button", { name: "Weiter" }).click();

  await expect(page.getByRole("heading", { name: "Wo ist das Problem?" })).toBeVisible();
  if (js) {
    await expect(page.getByRole("region", { name: "Karte zur Auswahl des Orts" })).toBeVisible();
    await expectAccessible(page, "location step with map");
    await tapDistrict(page, "pankow");
    await expect(page.getByRole("status")).toContainText("Gewählter Ort: 52.");
    await expect(page.locator("#lat")).not.toHaveValue("");
  } else {
    await expect(page.getByRole("region", { name: "Karte zur Auswahl des Orts" })).toBeHidden();
    await expectAccessible(page, "location step without map");
    await page.getByText("Koordinaten eingeben").click();
    await page.getByLabel("Breitengrad").fill("52.5413");
    await page.getByLabel("Längengrad").fill("13.4124");
  }
  await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();

  await expect(page.getByRole("heading", { name: "Fotos hinzufügen" })).toBeVisible();
  await expectAccessible(page, "photo step");
  await page.getByLabel("Foto auswählen").setInputFiles(photo);
  if (!js) {
    await page.getByRole("button", { name: "Foto hochladen" }).click();
  }
  // With JavaScript the upload starts on choosing the file and the page reloads when done.
  await expect(page.getByRole("img", { name: "Foto 1 Ihrer Meldung" })).toBeVisible();
  await expectAccessible(page, "photo step with a photo");
  await page.getByRole("link", { name: "Weiter" }).click();

  await expect(page.getByRole("heading", { name: "Beschreiben Sie das Problem" })).toBeVisible();
  await expectAccessible(page, "description step");
  await page.getByLabel("Beschreiben Sie das Problem").fill("Ein Sofa und zwei Matratzen am Straßenrand.");
  await page.getByRole("button", { name: "Weiter" }).click();

  await expect(page.getByRole("heading", { name: "Möchten Sie über den Fortschritt informiert werden?" })).toBeVisible();
  await expectAccessible(page, "contact step");
  await page.getByLabel("E-Mail-Adresse").fill("anna@example.de");
  await page.getByRole("button", { name: "Weiter" }).click();

  await expect(page.getByRole("heading", { name: "Angaben prüfen und absenden" })).toBeVisible();
  await expect(page.getByText("Ordnungsamt Pankow (Berlin)")).toBeVisible();
  await expect(page.getByText("Möbel oder Sperrmüll")).toBeVisible();
  await expectAccessible(page, "check your answers");
  // Changing one answer opens that question alone and returns to the summary.
  await page.getByRole("link", { name: "Ändern – Wie viel ist es ungefähr?" }).click();
  await expect(page.getByRole("heading", { name: "Wie viel ist es ungefähr?" })).toBeVisible();
  await page.getByLabel("Mehr als ein Kubikmeter").check();
  await page.getByRole("button", { name: "Speichern und zurück zur Übersicht" }).click();
  await expect(page.getByRole("heading", { name: "Angaben prüfen und absenden" })).toBeVisible();
  await expect(page.getByText("Mehr als ein Kubikmeter")).toBeVisible();
  await expect(page.getByText("Möbel oder Sperrmüll")).toBeVisible();
  await page.getByRole("button", { name: "Meldung absenden" }).click();

  await expect(page.getByRole("heading", { name: "Meldung eingegangen" })).toBeVisible();
  const reference = (await page.locator("#reference").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^BER-\d{4}-\d{6}$/);
  await expect(page.getByText("Ihre Meldung wurde an Ordnungsamt Pankow weitergeleitet.")).toBeVisible();
  await expectAccessible(page, "confirmation");
  const privateLink = (await page.locator("#private-link").getAttribute("href")) ?? "";

  await page.getByRole("link", { name: "Öffentliche Statusseite" }).click();
  await expect(page.getByRole("heading", { name: `Meldung ${reference}` })).toBeVisible();
  await expect(page.getByText("Weitergeleitet an Ordnungsamt Pankow")).toBeVisible();
  await expect(page.getByText("Regel: Themenbereich „Sauberkeit“ im Gebiet Pankow")).toBeVisible();
  await expect(page.getByText("Ein Sofa und zwei Matratzen")).toHaveCount(0);
  await expectAccessible(page, "status page");

  await page.goto(privateLink);
  await expect(page.getByText("Ein Sofa und zwei Matratzen am Straßenrand.")).toBeVisible();
  await expect(page.getByText("anna@example.de")).toBeVisible();
  await expectAccessible(page, "private status page");
});

test("the whole flow works in English, down to the status page", async ({ page }) => {
  await page.goto("/melden/kategorie");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { name: "What would you like to report?" })).toBeVisible();
  await page.getByLabel("Pothole or road damage").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Where is the problem?" })).toBeVisible();
  await page.getByLabel("District or municipality").selectOption({ label: "Berlin – Neukölln" });
  await page.getByLabel("Address or description of the place").fill("Sonnenallee 100, middle of the road");
  await page.getByRole("button", { name: "Use this description" }).click();
  await expect(page.getByRole("heading", { name: "Add photos" })).toBeVisible();
  await page.getByRole("link", { name: "Continue without a photo" }).click();
  await expect(page.getByRole("heading", { name: "Describe the problem" })).toBeVisible();
  await page.getByLabel("Describe the problem").fill("A deep pothole");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Would you like updates on your report?" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers before sending" })).toBeVisible();
  await expect(page.getByText("Pothole or road damage")).toBeVisible();
  await expectAccessible(page, "English check page");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Report received" })).toBeVisible();
  await expect(page.getByText("Your report has been sent to Neukölln Roads and Green Spaces Office.")).toBeVisible();
  await expectAccessible(page, "English confirmation");
  await page.getByRole("link", { name: "Public status page" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByText("Pothole or road damage")).toBeVisible();
  await expectAccessible(page, "English status page");
});

test("a place can be described instead of chosen on the map", async ({ page }) => {
  await page.goto("/melden/kategorie");
  await page.getByLabel("Schlagloch oder Straßenschaden").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByLabel("Bezirk oder Gemeinde").selectOption({ label: "Berlin – Neukölln" });
  await page.getByLabel("Adresse oder Ortsbeschreibung").fill("Sonnenallee 100, Fahrbahnmitte");
  await page.getByRole("button", { name: "Beschreibung verwenden" }).click();
  await expect(page.getByRole("heading", { name: "Fotos hinzufügen" })).toBeVisible();
  await page.getByRole("link", { name: "Ohne Foto weiter" }).click();
  await page.getByLabel("Beschreiben Sie das Problem").fill("Tiefes Schlagloch");
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByText("Straßen- und Grünflächenamt Neukölln (Berlin)")).toBeVisible();
  await expect(page.getByText("Sonnenallee 100, Fahrbahnmitte, Berlin – Neukölln")).toBeVisible();
});
