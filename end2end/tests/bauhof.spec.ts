import { Browser, expect, Page, test } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expectAccessible, jsEnabled, photo, staffSignsIn, workPage } from "./helpers";

// A mower breaks down in Pankow: the worker signs in with a passkey, reports it with a photo by
// typing the inventory number and asks for a replacement; the fleet manager allocates one; the
// worker sees it. Potsdam lends a van to Berlin. The label sheet's QR code leads to the unit's
// page. JavaScript on and off (the passkey ceremony itself needs JavaScript, so sessions are
// made in a JavaScript page and carried over), on a phone's screen, axe on every page.

/**
 * A `datetime-local` value `hours` from now, in Berlin time. The runs with and without
 * JavaScript share one server, so each asks for its replacements on another day.
 */
function localIn(hours: number) {
  const day = jsEnabled(test.info()) ? 0 : 2;
  const at = new Date(Date.now() + (hours + day * 24) * 3_600_000);
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
  return parts.replace(" ", "T");
}

async function reportBreakdown(page: Page, number: string, typeLabel: string) {
  await page.goto("/bauhof/berlin");
  await expect(page.getByRole("heading", { name: "Bauhof Berlin" })).toBeVisible();
  await expectAccessible(page, "worker start");
  await page.getByRole("button", { name: "Gerät ausgefallen" }).click();
  await expect(page.getByRole("heading", { name: "Welches Gerät ist ausgefallen?" })).toBeVisible();
  await expectAccessible(page, "unit step");
  await page.getByLabel("Welches Gerät ist ausgefallen?").fill(number);
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByRole("heading", { name: "Was ist passiert?" })).toBeVisible();
  await expectAccessible(page, "damage step");
  await page.getByLabel("Messer oder Schneidwerk").check();
  await page.getByLabel("Beschreibung (freiwillig)").fill("Messer gebrochen, Steinschlag");
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByRole("heading", { name: "Foto vom Schaden (freiwillig)" })).toBeVisible();
  await expectAccessible(page, "photo step");
  await page.getByLabel("Foto auswählen oder aufnehmen").setInputFiles(photo);
  await page.getByRole("button", { name: "Foto hochladen" }).click();
  await expect(page.getByRole("heading", { name: "Wo sind Sie?" })).toBeVisible();
  await expectAccessible(page, "place step");
  await page.getByLabel("Ort beschreiben").fill("Bürgerpark Pankow, Eingang Galenusstraße");
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByRole("heading", { name: "Brauchen Sie ein Ersatzgerät?" })).toBeVisible();
  await expectAccessible(page, "replacement step");
  await page.getByLabel("Ja, ich brauche Ersatz").check();
  await page.getByLabel("Welches Gerät?").selectOption({ label: typeLabel });
  await page.getByLabel("Von").fill(localIn(1));
  await page.getByLabel("Bis").fill(localIn(9));
  await page.getByLabel("Bringen").check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await expect(page.getByRole("heading", { name: "Angaben prüfen" })).toBeVisible();
  await expect(page.getByText(`${number} – `)).toBeVisible();
  await expect(page.getByText("Ja, ein Foto")).toBeVisible();
  await expectAccessible(page, "check step");
  await page.getByRole("button", { name: "Meldung senden" }).click();
  await expect(page.getByRole("heading", { name: "Meldung gesendet" })).toBeVisible();
  const reference = (await page.locator(".confirmation-panel__reference").textContent())!.trim();
  await expect(page.getByText("angefragt").first()).toBeVisible();
  await expectAccessible(page, "confirmation");
  return { reference, url: page.url() };
}

test("a worker reports a broken mower with a photo and the fleet manager allocates a replacement", async ({ browser, baseURL }, info) => {
  const js = jsEnabled(info);
  const worker = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "bauhof_staff", "berlin", `Willi ${info.project.name}`));
  const { reference, url } = await reportBreakdown(worker, "pan-am-01", "Aufsitzmäher");

  const manager = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "fleet_manager", "berlin", `Frida ${info.project.name}`));
  await manager.goto("/fuhrpark/berlin");
  await expect(manager.getByRole("heading", { name: "Fuhrpark Berlin" })).toBeVisible();
  await expectAccessible(manager, "fleet start");
  await manager.getByRole("link", { name: reference }).click();
  await expect(manager.getByRole("heading", { name: `Ausfallmeldung ${reference}` })).toBeVisible();
  await expectAccessible(manager, "allocation");
  await manager.getByRole("button", { name: "PAN-AM-02 zuteilen" }).click();
  await expect(manager.getByText(`PAN-AM-02 ist für ${reference} zugeteilt.`)).toBeVisible();

  // The worker's page follows by itself with JavaScript; without, a reload shows it.
  if (js) {
    await expect(worker.getByText(/PAN-AM-02 \(Bauhof Pankow\) ist für Sie reserviert/)).toBeVisible({ timeout: 20_000 });
  } else {
    await worker.goto(url);
    await expect(worker.getByText(/PAN-AM-02 \(Bauhof Pankow\) ist für Sie reserviert/)).toBeVisible();
  }
  await expect(worker.getByText("zugeteilt").first()).toBeVisible();
  await expectAccessible(worker, "status after allocation");
  await manager.getByLabel("Nächster Schritt").selectOption({ label: "Ersatz ist unterwegs" });
  await manager.getByRole("button", { name: "Ausführen" }).click();
  await worker.goto(url);
  await expect(worker.getByText("PAN-AM-02 ist unterwegs zu Ihnen.")).toBeVisible();
});

test("Potsdam lends a published van to Berlin", async ({ browser, baseURL }, info) => {
  const js = jsEnabled(info);
  const worker = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "bauhof_staff", "berlin", `Wanda ${info.project.name}`));
  const { reference, url } = await reportBreakdown(worker, "PAN-KT-02", "Kleintransporter");
  const berlin = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "fleet_manager", "berlin", `Bert ${info.project.name}`));
  await berlin.goto("/fuhrpark/berlin");
  await berlin.getByRole("link", { name: reference }).click();
  await berlin.getByRole("button", { name: "PDM-KT-01 bei Potsdam anfragen" }).click();
  await expect(berlin.getByText("PDM-KT-01 ist bei Potsdam angefragt.")).toBeVisible();

  const potsdam = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "fleet_manager", "potsdam", `Paula ${info.project.name}`));
  await potsdam.goto("/fuhrpark/potsdam/verleih");
  await expect(potsdam.getByRole("heading", { name: "Verleih zwischen Kommunen – Potsdam" })).toBeVisible();
  await expectAccessible(potsdam, "pool");
  await potsdam.getByRole("button", { name: `Verleihen für ${reference}` }).click();
  await expect(potsdam.getByText("PDM-KT-01 ist an Berlin verliehen.")).toBeVisible();
  await worker.goto(url);
  await expect(worker.getByText(/PDM-KT-01 \(Betriebshof Potsdam\) ist für Sie reserviert/)).toBeVisible();
});

test("the label sheet's QR code leads to the unit's page", async ({ browser, baseURL }, info) => {
  const js = jsEnabled(info);
  const manager = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "fleet_manager", "berlin", `Lara ${info.project.name}`));
  await manager.goto("/fuhrpark/berlin/etiketten?nummer=PAN-AM-03");
  await expect(manager.getByRole("heading", { name: "Etiketten – Berlin" })).toBeVisible();
  await expectAccessible(manager, "label sheet");
  const code = manager.getByRole("img", { name: "QR-Code für PAN-AM-03" });
  const png = PNG.sync.read(await code.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${baseURL}/bauhof/berlin/geraet/PAN-AM-03`);
  await manager.goto(decoded!.data);
  await expect(manager.getByRole("heading", { name: "Aufsitzmäher PAN-AM-03" })).toBeVisible();
  await expectAccessible(manager, "unit card");
});

test("a worker reports a breakdown with the keyboard alone", async ({ browser, baseURL }, info) => {
  const js = jsEnabled(info);
  const worker = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "bauhof_staff", "berlin", `Kai ${info.project.name}`));
  await worker.goto("/bauhof/berlin");
  /** Tabs until the focused element's text (or, for a field, its id) is `name`. */
  const pressUntil = async (name: string) => {
    for (let i = 0; i < 40; i++) {
      await worker.keyboard.press("Tab");
      const focused = await worker.evaluate(() => {
        const element = document.activeElement;
        if (!element) return "";
        return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
          ? `#${element.id}`
          : (element.textContent?.trim() ?? "");
      });
      if (focused === name) return;
    }
    throw new Error(`never reached ${name}`);
  };
  await pressUntil("Gerät ausgefallen");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Welches Gerät ist ausgefallen?" })).toBeVisible();
  await pressUntil("#number");
  await worker.keyboard.type("PAN-FS-02");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Was ist passiert?" })).toBeVisible();
  await pressUntil("#damage");
  await worker.keyboard.press("Space");
  await pressUntil("Weiter");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Foto vom Schaden (freiwillig)" })).toBeVisible();
  await pressUntil("Weiter ohne Foto");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Wo sind Sie?" })).toBeVisible();
  await pressUntil("#place");
  await worker.keyboard.type("Schlosspark Niederschönhausen");
  await pressUntil("Weiter");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Brauchen Sie ein Ersatzgerät?" })).toBeVisible();
  // Tab reaches the radio group; the arrow keys choose within it.
  await pressUntil("#needed");
  await worker.keyboard.press("ArrowDown");
  await expect(worker.getByLabel("Nein, nur melden")).toBeChecked();
  await pressUntil("Weiter");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Angaben prüfen" })).toBeVisible();
  await pressUntil("Meldung senden");
  await worker.keyboard.press("Enter");
  await expect(worker.getByRole("heading", { name: "Meldung gesendet" })).toBeVisible();
});

test("the fleet manager's register, unit, yards, figures and the Bauhof start pages have no accessibility violations", async ({ browser, baseURL }, info) => {
  const js = jsEnabled(info);
  const manager = await workPage(browser, baseURL!, js, await staffSignsIn(browser, baseURL!, "fleet_manager", "berlin", `Rita ${info.project.name}`));
  await manager.goto("/bauhof");
  await expect(manager.getByRole("heading", { name: "Bauhof", exact: true })).toBeVisible();
  await expectAccessible(manager, "Bauhof start");
  await manager.goto("/fuhrpark/berlin/geraete");
  await expect(manager.getByRole("heading", { name: "Geräteverzeichnis – Berlin" })).toBeVisible();
  await expectAccessible(manager, "register");
  await manager.getByRole("link", { name: "PAN-AM-03" }).click();
  await expect(manager.getByRole("heading", { name: "Aufsitzmäher PAN-AM-03" })).toBeVisible();
  await expectAccessible(manager, "unit page");
  await manager.goto("/fuhrpark/berlin/hoefe");
  await expect(manager.getByRole("heading", { name: "Bauhöfe – Berlin" })).toBeVisible();
  await expectAccessible(manager, "yards");
  await manager.goto("/fuhrpark/berlin/statistik");
  await expect(manager.getByRole("heading", { name: "Kennzahlen des Fuhrparks – Berlin" })).toBeVisible();
  await expectAccessible(manager, "figures");
});
