/**
 * The browser suite's `test`: Playwright's, plus fixtures that always clean up, whether the
 * test passes, fails or times out (a context left open keeps its call running and slowed a
 * later test past its time limit).
 */
import { test as base, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";

export { expect } from "@playwright/test";

export type NewContext = (options?: BrowserContextOptions) => Promise<BrowserContext>;

/** A screenshot of a page (optionally all of it, scrolled) or of one element. */
export type SaveScreenshot = (target: Page | Locator, name: string, options?: { fullPage?: boolean }) => Promise<void>;

export const test = base.extend<{ newContext: NewContext; saveScreenshot: SaveScreenshot }>({
  /** Opens a browser context (one person's browser) that is closed when the test ends. */
  newContext: async ({ browser }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
  /**
   * Takes a screenshot of a page or an element. The README's pictures in docs/screenshots/ are rewritten
   * only by `npm run screenshots` (PARLEY_REFRESH_SCREENSHOTS=1); a test run keeps its
   * pictures in its own output folder, so it leaves the working tree clean.
   */
  saveScreenshot: async ({}, use, testInfo) => {
    const folder = process.env.PARLEY_REFRESH_SCREENSHOTS === "1" ? "docs/screenshots" : testInfo.outputPath("screenshots");
    await use(async (target, name, options = {}) => {
      const path = `${folder}/${name}.png`;
      await ("goto" in target ? target.screenshot({ path, fullPage: options.fullPage }) : target.screenshot({ path }));
    });
  },
});
