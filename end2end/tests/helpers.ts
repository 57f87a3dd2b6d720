import AxeBuilder from "@axe-core/playwright";
import { Browser, expect, Page, test, TestInfo } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { binary, serverFor } from "../servers";

export const jsEnabled = (info: TestInfo) => info.project.use.javaScriptEnabled !== false;



/**
 * Zero WCAG 2.1 A/AA violations on the current page. axe runs as a script, so for a page shown
 * without JavaScript it checks a copy of that page's DOM, with its scripts removed, in a helper
 * page that may run axe: one per browser (a worker's tests share it), opened on the server's
 * origin so that the copy's styles and images load. A new context for every check made a long
 * journey without JavaScript (14 checks) take most of its 60 s on a loaded machine.
 */
export async function expectAccessible(page: Page, step: string) {
  let target = page;
  if (!jsEnabled(test.info())) {
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
    target = await axeHelper(page);
    await target.setContent(html, { waitUntil: "load" });
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `accessibility violations on ${step}`).toEqual([]);
}

const axeHelpers = new WeakMap<Browser, Page>();

/** The browser's helper page for [`expectAccessible`], on `page`'s origin and screen size. */
async function axeHelper(page: Page): Promise<Page> {
  const browser = page.context().browser()!;
  let helper = axeHelpers.get(browser);
  if (!helper || helper.isClosed()) {
    const context = await browser.newContext({ javaScriptEnabled: true });
    helper = await context.newPage();
    axeHelpers.set(browser, helper);
  }
  const origin = new URL(page.url()).origin;
  if (new URL(helper.url()).origin !== origin) {
    await helper.goto(`${origin}/healthz`);
  }
  const size = page.viewportSize();
  if (size) await helper.setViewportSize(size);
  return helper;
}

/** Clicks the map inside a district's outline (JavaScript only). */
export async function tapDistrict(page: Page, code: string) {
  const outline = page.locator(`path.outline--${code}`);
  await expect(outline).toHaveCount(1);
  const box = await outline.boundingBox();
  if (!box) throw new Error(`no outline for ${code}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export const photo = resolve(__dirname, "../../server/tests/fixtures/rotated-gps.jpg");

/**
 * A platform authenticator for this page's browser context, through the DevTools protocol's
 * WebAuthn domain: CTAP2, built in ("internal"), with resident keys and user verification, and
 * the person always present and verified.
 */
export async function addPasskeyDevice(page: Page, { autofill = false } = {}) {
  if (!autofill) {
    // The virtual authenticator answers a passkey autofill request (conditional UI) at once,
    // signing in before the test can press the button; tests of the button switch it off.
    await page.addInitScript(() => {
      if (window.PublicKeyCredential) PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
  }
  const client = await page.context().newCDPSession(page);
  await client.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await client.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    client,
    authenticatorId,
    async credentials() {
      const { credentials } = await client.send("WebAuthn.getCredentials", { authenticatorId });
      return credentials;
    },
    /** Makes the next answers misbehave (bad signature, user verification bit missing). */
    async override(bits: { isBogusSignature?: boolean; isBadUV?: boolean; isBadUP?: boolean }) {
      await client.send("WebAuthn.setResponseOverrideBits", { authenticatorId, ...bits });
    },
    async remove() {
      await client.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
    },
  };
}

/** Signs up through the forms and the passkey prompt; returns on the account page. */
/**
 * Clicks a passkey button once the page's scripts run: the button only works with
 * `passkey.js`, and a click right after a navigation can come before the module has run.
 */
export async function clickPasskeyButton(page: Page, name: string) {
  await page.waitForLoadState("load");
  await page.getByRole("button", { name }).click();
}

export async function signUp(page: Page, name: string, email = "") {
  await page.goto("/konto/registrieren");
  await page.getByLabel("Name, mit dem wir Sie ansprechen").fill(name);
  if (email) await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Weiter zum Passkey" }).click();
  await expect(page.getByRole("heading", { name: "Passkey für Ihr neues Konto erstellen" })).toBeVisible();
  await clickPasskeyButton(page, "Passkey erstellen");
  await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
}

/** The newest link in the development outbox whose path starts with `path`. */
export async function linkFromOutbox(page: Page, path: string) {
  await page.goto("/entwicklung/postausgang");
  const link = page.locator(`a[href*="${path}"]`).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

/**
 * Somebody invited into `role` of `municipality` (and `department`) on the command line, signed
 * in with a passkey in a JavaScript page; a platform administrator with `municipality` empty.
 */
export async function staffSignsIn(
  browser: Browser,
  baseURL: string,
  role: string,
  municipality: string,
  name: string,
  department?: string,
) {
  const server = serverFor(baseURL);
  // Without a municipality, the command line invites a platform administrator.
  const args = municipality ? ["admin", "invite", "--municipality", municipality, "--role", role] : ["admin", "invite"];
  if (department) args.push("--department", department);
  const link = execFileSync(binary, args, { env: { ...process.env, ...server.env }, encoding: "utf8" }).trim();
  return acceptInvitation(browser, baseURL, link, name);
}

/** The person an invitation `link` was handed to accepts it with a new passkey, in a JavaScript page. */
export async function acceptInvitation(browser: Browser, baseURL: string, link: string, name: string) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  const page = await context.newPage();
  await addPasskeyDevice(page);
  await page.goto(link);
  await page.getByLabel("Name, mit dem wir Sie ansprechen").fill(name);
  await page.getByRole("button", { name: "Einladung annehmen" }).click();
  await clickPasskeyButton(page, "Passkey erstellen");
  await expect(page.getByRole("heading", { name: "Mein Konto" })).toBeVisible();
  return page;
}

/** The page to work in: the signed-in one, or (without JavaScript) one with its session. */
export async function workPage(browser: Browser, baseURL: string, js: boolean, signedIn: Page): Promise<Page> {
  if (js) return signedIn;
  const state = await signedIn.context().storageState();
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: state });
  return context.newPage();
}
