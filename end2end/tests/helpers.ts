import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test, TestInfo } from "@playwright/test";
import { resolve } from "node:path";

export const jsEnabled = (info: TestInfo) => info.project.use.javaScriptEnabled !== false;



/**
 * Zero WCAG 2.1 A/AA violations on the current page. axe runs as a script, so for a page shown
 * without JavaScript it checks a copy of that page's DOM, with its scripts removed, in a helper
 * page that may run axe.
 */
export async function expectAccessible(page: Page, step: string) {
  let target = page;
  let helper: Page | undefined;
  if (!jsEnabled(test.info())) {
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
    const origin = new URL(page.url()).origin;
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
    helper = await context.newPage();
    await helper.goto(`${origin}/healthz`);
    await helper.setContent(html, { waitUntil: "load" });
    target = helper;
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  await helper?.context().close();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `accessibility violations on ${step}`).toEqual([]);
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
