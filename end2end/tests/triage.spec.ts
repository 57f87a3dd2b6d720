import { APIRequestContext, Browser, expect, Page, test } from "@playwright/test";
import { clickPasskeyButton, expectAccessible, jsEnabled, staffSignsIn, workPage } from "./helpers";

// A dispatcher of the Ordnungsamt Pankow works the queue: signs in with a passkey, accepts one
// report, forwards another, closes a third as not fixed with a public note — and the citizen's
// status page shows each step. Without JavaScript the same work is done through plain forms
// (the passkey sign-in itself needs JavaScript, so that session is made in a JavaScript page).

const PANKOW = { lat: "52.5413", long: "13.4124" };

/** A citizen's report through Open311 (the demo key); its reference. */
async function report(request: APIRequestContext, description: string) {
  const response = await request.post("/open311/v2/requests.json", {
    form: {
      api_key: "demo-key",
      jurisdiction_id: "berlin",
      service_code: "illegal-dumping",
      ...PANKOW,
      description,
      email: "melderin@example.de",
      "attribute[waste_kind]": "rubble",
      "attribute[amount]": "small",
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json())[0].service_request_id as string;
}

/** A dispatcher invited on the command line, with a passkey, signed out and in again. */
async function dispatcherSignsIn(browser: Browser, baseURL: string, name: string) {
  const page = await staffSignsIn(browser, baseURL, "dispatcher", "berlin", name, "ordnungsamt-pankow");
  await page.getByRole("button", { name: "Abmelden", exact: true }).click();
  await page.goto("/konto/anmelden");
  await clickPasskeyButton(page, "Mit Passkey anmelden");
  await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
  return { context: page.context(), page };
}

async function changeStatus(page: Page, reference: string, step: string, fields: Record<string, string> = {}) {
  await page.goto(`/dienst/meldungen/${reference}`);
  await page.getByLabel("Neuer Schritt").selectOption({ label: step });
  if (fields.target) await page.getByLabel("Weiterleiten an").selectOption({ label: fields.target });
  if (fields.reason) await page.getByLabel("Begründung").fill(fields.reason);
  if (fields.note) await page.getByLabel("Öffentliche Nachricht (optional)").first().fill(fields.note);
  await page.getByRole("button", { name: "Status ändern" }).click();
}

test("a dispatcher accepts, forwards and closes reports and the citizen sees each step", async ({ browser, request, baseURL }, info) => {
  const js = jsEnabled(info);
  const accepted = await report(request, "Bauschutt vor der Einfahrt");
  const forwarded = await report(request, "Grünschnitt im Park");
  const closed = await report(request, "Müll auf einem Privatgrundstück");
  const { context, page: signedIn } = await dispatcherSignsIn(browser, baseURL!, `Dora ${info.project.name}`);
  const page = await workPage(browser, baseURL!, js, signedIn);

  await page.goto("/konto");
  await page.getByRole("link", { name: "Dienst" }).click();
  await expect(page.getByRole("heading", { name: "Dienst: Meldungen bearbeiten" })).toBeVisible();
  await expectAccessible(page, "staff start page");
  await page.getByRole("link", { name: "Eingang" }).click();
  await expect(page.getByRole("heading", { name: "Eingang – Berlin" })).toBeVisible();
  for (const reference of [accepted, forwarded, closed]) {
    await expect(page.getByRole("link", { name: reference })).toBeVisible();
  }
  await expectAccessible(page, "queue");

  await page.getByRole("link", { name: accepted }).click();
  await expect(page.getByRole("heading", { name: `Meldung ${accepted}` })).toBeVisible();
  await expect(page.getByText("melderin@example.de")).toBeVisible();
  await expectAccessible(page, "report detail");
  await changeStatus(page, accepted, "Annehmen");
  await expect(page.getByText("Gespeichert.")).toBeVisible();

  // Forwarding without a target is refused with a message that links to the field.
  await changeStatus(page, forwarded, "Weiterleiten", { reason: "Liegt auf einer Grünfläche" });
  await expect(page).toHaveTitle(/^Fehler: /);
  await expect(page.getByRole("link", { name: "Wählen Sie aus, wohin die Meldung weitergeleitet wird" })).toBeVisible();
  await expect(page.getByLabel("Begründung")).toHaveValue("Liegt auf einer Grünfläche");
  await expectAccessible(page, "report detail with an error");
  await changeStatus(page, forwarded, "Weiterleiten", {
    target: "Berlin – Straßen- und Grünflächenamt Pankow",
    reason: "Liegt auf einer Grünfläche",
  });
  // Forwarded elsewhere: no longer this department's report.
  await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();

  await changeStatus(page, closed, "Schließen – nicht behoben", {
    reason: "Privatgrundstück: bitte wenden Sie sich an die Eigentümerin.",
    note: "Wir haben die Eigentümerin informiert.",
  });
  await expect(page.getByText("Gespeichert.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verlauf und Änderungen" })).toBeVisible();
  await expect(page.locator(".timeline").getByText(`Dora ${info.project.name}`).first()).toBeVisible();

  await page.goto("/dienst/statistik/berlin");
  await expect(page.getByRole("heading", { name: "Statistik – Berlin" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Nach Kategorie" })).toBeVisible();
  await expectAccessible(page, "statistics");

  const citizenContext = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const citizen = await citizenContext.newPage();
  await citizen.goto(`/meldungen/${accepted}`);
  await expect(citizen.getByText("Status geändert: Angenommen")).toBeVisible();
  await citizen.goto(`/meldungen/${forwarded}`);
  await expect(citizen.getByText("Weitergeleitet an Straßen- und Grünflächenamt Pankow (Berlin)")).toBeVisible();
  await expect(citizen.getByText("Liegt auf einer Grünfläche")).toBeVisible();
  await citizen.goto(`/meldungen/${closed}`);
  await expect(citizen.getByText("Status geändert: Geschlossen – nicht behoben")).toBeVisible();
  await expect(citizen.getByText("Privatgrundstück: bitte wenden Sie sich an die Eigentümerin.")).toBeVisible();
  await expect(citizen.getByText("Wir haben die Eigentümerin informiert.")).toBeVisible();
  await expectAccessible(citizen, "status page after the dispatcher's steps");
  await citizenContext.close();
  await context.close();
});

test("the queue works with the keyboard alone: filter, select, bulk accept, open a report", async ({ browser, request, baseURL }, info) => {
  const js = jsEnabled(info);
  const word = `Tastatur${info.project.name.replace("-", "")}`;
  const first = await report(request, `Sperrmüll ${word} eins`);
  const second = await report(request, `Sperrmüll ${word} zwei`);
  const { context, page: signedIn } = await dispatcherSignsIn(browser, baseURL!, `Kai ${info.project.name}`);
  const page = await workPage(browser, baseURL!, js, signedIn);
  await page.goto("/dienst/berlin");

  const tabTo = async (matches: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await matches()) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };
  const focused = (selector: string) => () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

  await tabTo(focused("#f-suche"), "the search field");
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`suche=${word}`));
  await expect(page.getByRole("heading", { name: "2 Meldungen" })).toBeVisible();

  for (const reference of [first, second]) {
    await tabTo(focused(`input[value^="${reference}:"]`), `the checkbox of ${reference}`);
    await page.keyboard.press("Space");
  }
  await tabTo(focused("#b-aktion"), "the bulk action");
  await tabTo(focused(".bulk-actions button[type=submit]"), "the bulk button");
  await page.keyboard.press("Enter");
  await expect(page.getByText("2 Meldungen geändert.")).toBeVisible();
  await expectAccessible(page, "queue after a bulk action");

  await tabTo(focused(`a[href="/dienst/meldungen/${first}"]`), "the report link");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Meldung ${first}` })).toBeVisible();
  await expect(page.locator(".status-badge")).toContainText("Angenommen");
  await context.close();
});
