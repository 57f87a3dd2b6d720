import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

// Before sending, the citizen sees open reports of the same kind nearby ("Ist es eine dieser
// Meldungen?") and supports one instead of filing a duplicate.
test("a citizen supports an open report nearby instead of sending a duplicate", async ({ page, request }, info) => {
  // Somewhere in Pankow no other test reports.
  const spot = { lat: "52.5702", long: "13.4113" };
  const created = await request.post("/open311/v2/requests.json", {
    form: {
      api_key: "demo-key",
      jurisdiction_id: "berlin",
      service_code: "litter-bin",
      ...spot,
      description: `Überquellender Papierkorb (${info.project.name})`,
    },
  });
  expect(created.status()).toBe(201);
  const existing = (await created.json())[0].service_request_id as string;

  await page.goto("/melden/kategorie");
  await page.getByLabel("Überfüllter Papierkorb").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByText("Koordinaten eingeben").click();
  await page.getByLabel("Breitengrad").fill("52.57025");
  await page.getByLabel("Längengrad").fill(spot.long);
  await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();
  await page.getByRole("link", { name: "Ohne Foto weiter" }).click();
  await page.getByLabel("Beschreiben Sie das Problem").fill("Der Papierkorb quillt über.");
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.getByLabel("E-Mail-Adresse").fill("nachbar@example.de");
  await page.getByRole("button", { name: "Weiter" }).click();

  await expect(page.getByRole("heading", { name: "Ist es eine dieser Meldungen?" })).toBeVisible();
  await expect(page.getByRole("link", { name: existing })).toBeVisible();
  await expectAccessible(page, "check page offering a report to support");
  await page.getByRole("button", { name: `Diese Meldung unterstützen ${existing}` }).click();

  await expect(page.getByRole("heading", { name: `Meldung ${existing}` })).toBeVisible();
  await expect(page.getByText("Danke! Sie unterstützen diese Meldung; Ihre eigene wurde nicht gesendet.")).toBeVisible();
  await expect(page.getByText("Eine weitere Person hat das Problem auch gemeldet")).toBeVisible();
  await expectAccessible(page, "status page after supporting");
});
