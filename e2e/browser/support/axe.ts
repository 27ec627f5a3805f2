import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * No serious or critical axe violations (WCAG 2.1 A/AA rules) on the page as it is now, or
 * only inside the element `only` selects.
 */
export async function expectAccessible(page: Page, what: string, only?: string) {
  // Every page has a title. While a server action or router refresh re-renders the page, React
  // takes the <title> out and puts it back; axe run in that moment reported "document-title"
  // (seen once on the meeting page just after inviting by email). Wait for it, and fail if a
  // page never has one.
  await expect(page, `${what} has a title`).toHaveTitle(/\S/);
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const results = await (only ? builder.include(only) : builder).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `accessibility violations on ${what}`).toEqual([]);
}
