import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@entente/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./run-cli.js";
import { a11yViolations, apiCall, apiLogin, hasChromium, launchChromium, signInPage } from "./web-helpers.js";

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
const scenarioFile = join(repoRoot, "scenarios/ukraine-security-guarantees.yaml");
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
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "entente-explorer-"));
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      dataDir,
      defaultScenario: { text: readFileSync(scenarioFile, "utf8"), fileName: scenarioFile },
    });
    const oneTime = server.firstStart.admin!.oneTimePassword;
    const admin = await apiLogin(server.url, "admin", oneTime);
    await apiCall(server.url, "POST", "/api/me/password", admin, {
      currentPassword: oneTime,
      newPassword: "administrator-passphrase",
    });
    const fresh = "administrator-passphrase";
    const admin2 = await apiLogin(server.url, "admin", fresh);
    await apiCall(server.url, "POST", "/api/users", admin2, { name: "analyst", password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs, follows and cancels jobs, names every actor in each legend, and passes axe", {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInPage(browser, server.url, "analyst", PASSWORD, problems);
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
