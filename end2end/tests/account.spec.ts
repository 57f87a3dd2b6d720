import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { binary, serverFor } from "../servers";
import { addPasskeyDevice, expectAccessible, jsEnabled, linkFromOutbox, signUp, clickPasskeyButton } from "./helpers";

// Bürger-ID in Chromium with a virtual platform authenticator (DevTools WebAuthn domain).
// Passkeys need JavaScript; without it the pages say so and everything else still works.

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, "passkeys need JavaScript");

  test("a citizen signs up with a passkey, signs out and signs in again without typing a name", async ({ page }) => {
    const device = await addPasskeyDevice(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Anmelden" }).click();
    await expect(page.getByRole("heading", { name: "Mit Passkey anmelden" })).toBeVisible();
    await expectAccessible(page, "sign-in page");
    await page.getByRole("link", { name: "Konto erstellen" }).click();
    await expectAccessible(page, "sign-up page");
    await page.getByRole("button", { name: "Weiter zum Passkey" }).click();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expect(page.getByRole("link", { name: "Geben Sie einen Namen ein" })).toBeVisible();
    await expectAccessible(page, "sign-up page with an error");

    await page.getByLabel("Name, mit dem wir Sie ansprechen").fill("Anna");
    await page.getByRole("button", { name: "Weiter zum Passkey" }).click();
    await expectAccessible(page, "create-a-passkey page");
    await page.getByLabel("Name für diesen Passkey").fill("Mein Smartphone");
    await clickPasskeyButton(page, "Passkey erstellen");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    await expect(page.locator(".passkey-item .kern-body--bold")).toHaveText("Mein Smartphone");
    await expectAccessible(page, "account page");
    const stored = await device.credentials();
    expect(stored).toHaveLength(1);
    expect(stored[0].isResidentCredential, "a discoverable credential").toBe(true);

    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();
    await page.goto("/konto/anmelden");
    // No name typed anywhere: the passkey chooser answers with the only passkey.
    await clickPasskeyButton(page, "Mit Passkey anmelden");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    await expect(page.getByText("Angemeldet als Anna")).toBeVisible();
  });

  test("keyboard only: sign in with the passkey from the keyboard", async ({ page }) => {
    await addPasskeyDevice(page);
    await signUp(page, "Berta");
    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await page.goto("/konto/anmelden");
    await page.getByLabel("Konto (wird von Ihrem Gerät vorgeschlagen)").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Mit Passkey anmelden" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
  });

  test("passkeys are offered in the sign-in field's autofill (conditional UI)", async ({ page }) => {
    await addPasskeyDevice(page, { autofill: true });
    await signUp(page, "Gustav");
    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await expect(page.getByText("Sie sind abgemeldet.")).toBeVisible();
    // The page asks for a passkey in the field's autofill as it loads; the virtual authenticator
    // picks the offered passkey at once (a person would tap it): no button, no typed name.
    await page.goto("/konto/anmelden");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    await expect(page.getByText("Angemeldet als Gustav")).toBeVisible();
  });

  test("a second device's passkey is added and the first one removed", async ({ page }) => {
    const first = await addPasskeyDevice(page);
    await signUp(page, "Cem");
    await first.remove();
    const second = await addPasskeyDevice(page);
    await page.getByRole("button", { name: "Weiteren Passkey hinzufügen" }).click();
    await expect(page.getByRole("heading", { name: "Weiteren Passkey hinzufügen" })).toBeVisible();
    await page.getByLabel("Name für diesen Passkey").fill("Tablet");
    await clickPasskeyButton(page, "Passkey erstellen");
    await expect(page.getByText("Der Passkey wurde hinzugefügt.")).toBeVisible();
    await expect(page.locator(".passkey-item")).toHaveCount(2);
    await expectAccessible(page, "account page with two passkeys");

    const firstName = (await page.locator(".passkey-item p.kern-body--bold").first().textContent())!;
    await page.getByRole("button", { name: `„${firstName}“ entfernen` }).click();
    await expect(page.getByText("Der Passkey wurde entfernt.")).toBeVisible();
    await expect(page.locator(".passkey-item")).toHaveCount(1);

    // The last passkey goes only after a warning.
    await page.getByRole("button", { name: "„Tablet“ entfernen" }).click();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expect(page.getByText("Das ist Ihr letzter Passkey.").first()).toBeVisible();
    await expect(page.locator(".passkey-item")).toHaveCount(1);

    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await page.goto("/konto/anmelden");
    await clickPasskeyButton(page, "Mit Passkey anmelden");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    expect(await second.credentials()).toHaveLength(1);
  });

  test("a lost device is replaced through the recovery link from the e-mail", async ({ page }) => {
    const lost = await addPasskeyDevice(page);
    const email = `dora-${Date.now()}@example.de`;
    await signUp(page, "Dora", email);
    await page.goto(await linkFromOutbox(page, "/konto/email-bestaetigen"));
    await expectAccessible(page, "confirm e-mail page");
    await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
    await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt.")).toBeVisible();
    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await lost.remove();

    await addPasskeyDevice(page);
    await page.goto("/konto/anmelden");
    await page.getByRole("link", { name: "Konto wiederherstellen" }).click();
    await expectAccessible(page, "recovery page");
    await page.getByLabel("Ihre bestätigte E-Mail-Adresse").fill(email);
    await page.getByRole("button", { name: "Link senden" }).click();
    await expect(page.getByText("Wenn zu dieser Adresse ein Konto gehört")).toBeVisible();
    await expectAccessible(page, "outbox page");
    await page.goto(await linkFromOutbox(page, "/konto/wiederherstellen/link"));
    await expectAccessible(page, "recovery link page");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByRole("heading", { name: "Neuen Passkey einrichten" })).toBeVisible();
    await clickPasskeyButton(page, "Passkey erstellen");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    await expect(page.getByText("Angemeldet als Dora")).toBeVisible();
  });

  test("a report sent without an account is claimed after signing up, then the account is deleted", async ({ page }) => {
    await addPasskeyDevice(page);
    await page.goto("/melden/kategorie");
    await page.getByLabel("Illegale Müllablagerung").check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.getByLabel("Möbel oder Sperrmüll").check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.getByLabel("Bis etwa ein Kubikmeter").check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.getByText("Koordinaten eingeben").click();
    await page.getByLabel("Breitengrad").fill("52.5413");
    await page.getByLabel("Längengrad").fill("13.4124");
    await page.getByRole("button", { name: "Diesen Ort verwenden" }).click();
    await page.getByRole("link", { name: "Weiter" }).click();
    await page.getByLabel("Beschreiben Sie das Problem").fill("Ein Sofa am Straßenrand.");
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.getByRole("button", { name: "Meldung absenden" }).click();
    const reference = (await page.locator("#reference").textContent())!.trim();

    await signUp(page, "Emil");
    await expect(page.getByText("In diesem Browser gemeldet")).toBeVisible();
    await expect(page.getByText(reference)).toBeVisible();
    await page.getByRole("button", { name: "Meinem Konto zuordnen" }).click();
    await expect(page.getByText("Die Meldungen wurden Ihrem Konto zugeordnet.")).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(reference) })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Alle meine Daten herunterladen (JSON)" }).click();
    const data = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
    expect(data.reports[0].reference).toBe(reference);

    await page.getByRole("link", { name: "Konto löschen" }).click();
    await expectAccessible(page, "delete-account page");
    await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
    await expect(page).toHaveTitle(/^Fehler: /);
    await page.getByLabel("Ich möchte mein Konto endgültig löschen").check();
    await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
    await expect(page.getByText("Ihr Konto wurde gelöscht.")).toBeVisible();
    await page.goto(`/meldungen/${reference}`);
    await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
  });

  test("a forged answer is refused with a clear message: bad signature, missing user verification", async ({ page }) => {
    const device = await addPasskeyDevice(page);
    await signUp(page, "Frieda");
    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    for (const bits of [{ isBogusSignature: true }, { isBadUV: true }]) {
      await device.override(bits);
      await page.goto("/konto/anmelden");
      await clickPasskeyButton(page, "Mit Passkey anmelden");
      await expect(page.getByRole("alert")).toContainText(/nicht (erkannt|bestätigt)/);
      await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();
      await page.goto("/konto");
      await expect(page).toHaveURL(/\/konto\/anmelden$/);
    }
    await device.override({});
    await clickPasskeyButton(page, "Mit Passkey anmelden");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
  });

  test("a municipal administrator invited on the command line invites staff", async ({ page, browser }, info) => {
    const server = serverFor(info.project.use.baseURL);
    const cli = (args: string[]) =>
      execFileSync(binary, args, { env: { ...process.env, ...server.env }, encoding: "utf8" }).trim();
    const link = cli(["admin", "invite", "--municipality", "berlin", "--role", "municipal_admin"]);
    await addPasskeyDevice(page);
    await page.goto(link);
    await expectAccessible(page, "invitation page");
    await page.getByLabel("Name, mit dem wir Sie ansprechen").fill("Gisela Amt");
    await page.getByRole("button", { name: "Einladung annehmen" }).click();
    await clickPasskeyButton(page, "Passkey erstellen");
    await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
    await page.getByRole("link", { name: "Verwaltung" }).last().click();
    await expect(page.getByRole("heading", { name: "Verwaltung Berlin" })).toBeVisible();
    await expectAccessible(page, "administration page");

    await page.getByLabel("Rolle").selectOption("bauhof_staff");
    await page.getByRole("button", { name: "Einladungslink erstellen" }).click();
    const invitation = (await page.locator(".handover").textContent())!.trim();
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await addPasskeyDevice(staff);
    await staff.goto(invitation);
    await staff.getByLabel("Name, mit dem wir Sie ansprechen").fill("Hannes Bauhof");
    await staff.getByRole("button", { name: "Einladung annehmen" }).click();
    await clickPasskeyButton(staff, "Passkey erstellen");
    await expect(staff.getByText("Bauhof – Berlin")).toBeVisible();

    await page.reload();
    await page.getByRole("button", { name: "Hannes Bauhof deaktivieren" }).click();
    await expect(page.getByText("Hannes Bauhof (deaktiviert)")).toBeVisible();
    await staff.reload();
    await expect(staff).toHaveURL(/\/konto\/anmelden$/);
    await staffContext.close();
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled !== false, "the pages as they are without JavaScript");

  test("the passkey pages say that passkeys need JavaScript; recovery and sign-up forms still answer", async ({ page }) => {
    await page.goto("/konto/anmelden");
    await expect(page.getByText("Passkeys funktionieren nur mit JavaScript.")).toBeVisible();
    await expectAccessible(page, "sign-in page without JavaScript");
    await page.getByRole("link", { name: "Konto erstellen" }).click();
    await page.getByLabel("Name, mit dem wir Sie ansprechen").fill("Ida");
    await page.getByLabel("E-Mail-Adresse").fill("keine-adresse");
    await page.getByRole("button", { name: "Weiter zum Passkey" }).click();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expect(page.getByLabel("Name, mit dem wir Sie ansprechen")).toHaveValue("Ida");
    await expectAccessible(page, "sign-up page with an error without JavaScript");
    await page.getByLabel("E-Mail-Adresse").fill("");
    await page.getByRole("button", { name: "Weiter zum Passkey" }).click();
    await expect(page.getByText("Passkeys funktionieren nur mit JavaScript.")).toBeVisible();
    await expectAccessible(page, "create-a-passkey page without JavaScript");

    await page.goto("/konto/wiederherstellen");
    await page.getByLabel("Wiederherstellungscode").fill("AAAA-BBBB-CCCC");
    await page.getByRole("button", { name: "Code verwenden" }).click();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expectAccessible(page, "recovery page with an error");
  });
});
