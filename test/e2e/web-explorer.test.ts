import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  a11yViolations,
  apiCall,
  hasChromium,
  launchChromium,
  type ServedWithAdmin,
  signInPage,
  startWithAdmin,
} from "./web-helpers.js";

/**
 * The scenario explorer in Chromium against the real server: an analyst (no role in any
 * negotiation) opens the default scenario, sees the actors and positions, starts a Monte Carlo job,
 * sees its progress and cancels it, runs a short one to the end, finds the agreement space of two
 * actors; every chart's legend names every actor the chart draws; axe finds no serious or critical
 * violation at 1280×800 and 390×844; no console error (CSP violations included).
 * A heavy browser test: it runs once per CI (on the PostgreSQL pass, DATABASE_URL set) or with
 * ENTENTE_BROWSER_TESTS=1.
 */
const run = hasChromium && (!!process.env.DATABASE_URL || process.env.ENTENTE_BROWSER_TESTS === "1");
const PASSWORD = "correct-horse-battery";

/** Every chart block's actors (data-actors) against the text of its legend: the names missing. */
async function legendGaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const gaps: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("[data-actors]")) {
      const actors = JSON.parse(el.dataset.actors ?? "[]") as string[];
      const legend = [...el.querySelectorAll(".legend")].map((l) => l.textContent ?? "").join(" ");
      for (const a of actors) if (!legend.includes(a)) gaps.push(`${el.className}: ${a}`);
    }
    return gaps;
  });
}

describe.skipIf(!run)("the scenario explorer in Chromium", () => {
  let served: ServedWithAdmin;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    served = await startWithAdmin("administrator-passphrase");
    await apiCall(served.server.url, "POST", "/api/users", served.adminToken, {
      name: "analyst",
      password: PASSWORD,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("runs, follows and cancels jobs, names every actor in each legend, and passes axe", {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInPage(browser, served.server.url, "analyst", PASSWORD, problems);
    await page.getByRole("link", { name: "Explorer" }).click();
    await page.getByRole("heading", { level: 1, name: "Scenario explorer" }).waitFor();
    await page.getByRole("link", { name: /ukraine-security-guarantees/ }).click();
    // The overview job runs by itself: actors with sources, positions, guarantee rules.
    await page.getByRole("rowheader", { name: "Ukraine", exact: true }).first().waitFor();
    await page.locator("section.overview figure.chart").first().waitFor();

    // A long Monte Carlo: progress is shown, and Cancel stops it.
    await page.getByLabel("Draws").fill("400000");
    await page.getByRole("button", { name: "Run the Monte Carlo" }).click();
    const bar = page.getByRole("progressbar", { name: "Progress of the Monte Carlo forecast" });
    await bar.waitFor();
    await page.getByText(/the Monte Carlo forecast: (\d+% done|waiting for a worker)/).waitFor();
    await page.locator("section.forecast").getByRole("button", { name: "Cancel" }).click();
    await page.getByText("the Monte Carlo forecast: cancelled").first().waitFor();
    expect(await bar.count()).toBe(0);

    // A short one to the end: a distribution chart per issue with options.
    await page.getByLabel("Draws").fill("300");
    await page.getByRole("button", { name: "Run the Monte Carlo" }).click();
    await page.locator("section.forecast figure.chart").first().waitFor({ timeout: 30_000 });

    // The agreement space of Ukraine and the Russian Federation.
    await page.getByLabel("First actor").selectOption({ label: "Ukraine" });
    await page.getByLabel("Second actor").selectOption({ label: "Russian Federation" });
    await page.getByRole("button", { name: "Find the agreement space" }).click();
    await page.locator("section.agreement figure.chart").waitFor({ timeout: 30_000 });
    await page.getByRole("rowheader", { name: "Nash" }).waitFor();

    // Every chart that draws actors names each of them in its legend.
    expect(await page.locator("[data-actors]").count()).toBeGreaterThan(3);
    expect(await legendGaps(page)).toEqual([]);

    expect(await a11yViolations(page, ["serious", "critical"])).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await a11yViolations(page, ["serious", "critical"])).toEqual([]);
    expect(problems).toEqual([]);
  });
});
