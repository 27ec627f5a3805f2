import { expect, type Locator, type Page } from "@playwright/test";

/**
 * What a person on a small screen needs from a control: all of it on screen, and nothing on
 * top of it (the element at its centre, where a finger lands, is the control itself).
 */
export async function expectOnScreenAndUncovered(control: Locator, what: string) {
  await expect(control, `${what} is wholly on screen`).toBeInViewport({ ratio: 1 });
  const onTop = await control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && element.contains(hit);
  });
  expect(onTop, `${what} is not covered by anything at its centre`).toBe(true);
}

/** Every visible button of the call's controls and header, each on screen and uncovered; answers their names. */
export async function expectCallControlsUsable(page: Page): Promise<string[]> {
  const buttons = page.getByRole("toolbar", { name: "Call controls" }).getByRole("button").or(page.getByRole("banner").getByRole("button"));
  const names: string[] = [];
  for (const button of await buttons.all()) {
    if (!(await button.isVisible())) continue;
    // The accessible name, as a screen reader says it (without the aria-hidden icons).
    const name = /button "([^"]*)"/.exec(await button.ariaSnapshot())?.[1] ?? "";
    names.push(name);
    await expectOnScreenAndUncovered(button, `"${name}"`);
  }
  return names;
}

/** Nothing spills sideways: the page is never wider than the screen. */
export async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
