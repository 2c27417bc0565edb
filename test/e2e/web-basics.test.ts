import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@entente/server";
import { xlsxToTables } from "@entente/sheets";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./run-cli.js";
import { a11yViolations, apiCall, apiLogin, hasChromium, launchChromium, signInPage } from "./web-helpers.js";

/**
 * The everyday basics in a real Chromium against the real server: the record screen (the log in
 * words; a receipt kept by the browser for the admin's webhook write, verified in one click;
 * proposals exported as .xlsx, read back with exceljs, equal to the proposals on the negotiation's
 * screen), the account screen (the language chosen is kept on the user: a second browser shows it),
 * the print stylesheet (no header or controls on paper), axe (WCAG 2.1 A/AA, no serious or critical
 * violation) at 1280×800 and 390×844, and no console error. Lean, and run once in CI: in the
 * PostgreSQL pass (the server itself uses a temporary embedded store) or with ENTENTE_BASICS_E2E=1.
 */
const run =
  hasChromium && (process.env.ENTENTE_TEST_DB === "postgres" || process.env.ENTENTE_BASICS_E2E === "1");
const PASSWORD = "correct-horse-battery";
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let negotiationId: number;
const problems: string[] = [];

async function axeBoth(page: Page, name: string): Promise<void> {
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    expect(await a11yViolations(page, ["serious", "critical"]), `${name} at ${v.width}`).toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

describe.runIf(run)("the basics in Chromium", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "entente-basics-"));
    const scenarioFile = join(repoRoot, "scenarios/ukraine-security-guarantees.yaml");
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      dataDir,
      defaultScenario: { text: readFileSync(scenarioFile, "utf8"), fileName: scenarioFile },
    });
    const api = (method: string, path: string, token: string | null, body?: unknown) =>
      apiCall(server.url, method, path, token, body);
    const oneTime = server.firstStart.admin!.oneTimePassword;
    let admin = await apiLogin(server.url, "admin", oneTime);
    await api("POST", "/api/me/password", admin, { currentPassword: oneTime, newPassword: PASSWORD });
    admin = await apiLogin(server.url, "admin", PASSWORD);
    const ua = (await api("POST", "/api/users", admin, { name: "ua-delegate", password: PASSWORD })) as {
      user: { id: number };
    };
    const med = (await api("POST", "/api/users", admin, { name: "mediator", password: PASSWORD })) as {
      user: { id: number };
    };
    const scenarios = (await api("GET", "/api/scenarios", admin)) as { scenarios: Array<{ id: number }> };
    const n = (await api("POST", "/api/negotiations", admin, {
      title: "Geneva talks",
      venue: "Geneva",
      scenarioId: scenarios.scenarios[0]!.id,
      scenarioVersion: 1,
    })) as { id: number };
    negotiationId = n.id;
    const base = `/api/negotiations/${n.id}`;
    await api("POST", `${base}/members`, admin, { userId: ua.user.id, role: "delegation", actorId: "ua" });
    await api("POST", `${base}/members`, admin, { userId: med.user.id, role: "mediator" });
    const mediator = await apiLogin(server.url, "mediator", PASSWORD);
    await api("POST", `${base}/rounds`, mediator, { label: "First round" });
    const parsed = (await api("GET", `/api/scenarios/${scenarios.scenarios[0]!.id}/versions/1`, admin)) as {
      parsed: {
        issues: Array<{
          id: string;
          kind: string;
          options?: Array<{ id: string }>;
          min?: number;
          max?: number;
        }>;
      };
    };
    const pkg = (pick: "first" | "last") =>
      Object.fromEntries(
        parsed.parsed.issues.map((i) => [
          i.id,
          i.options
            ? i.options[pick === "first" ? 0 : i.options.length - 1]!.id
            : pick === "first"
              ? i.min!
              : i.max!,
        ]),
      );
    await api("POST", `${base}/proposals`, mediator, { package: pkg("first") });
    await api("POST", `${base}/proposals`, mediator, { package: pkg("last") });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the log in words, keeps and verifies a receipt, and exports what the screen shows", async () => {
    const { page, context } = await signInPage(browser, server.url, "admin", PASSWORD, problems);
    await page.goto(`${server.url}/#/negotiations/${negotiationId}/record`);
    await page.getByRole("heading", { level: 1, name: "Record: Geneva talks" }).waitFor();
    await page.getByText("admin gave mediator the role of mediator").first().waitFor();
    await page.getByText("mediator opened round 1: “First round”").first().waitFor();
    // A write from this browser: its receipt is kept here.
    await page.getByLabel("Receiver URL").fill("https://93.184.216.34/hook");
    for (const e of [
      "proposal.tabled",
      "round.opened",
      "negotiation.concluded",
      "breach.found",
      "consultation.opened",
      "consultation.decided",
      "deadline.due",
    ])
      await page.getByLabel(e).uncheck();
    await page.getByRole("button", { name: "Add the webhook" }).click();
    await page.getByText("Signing secret, shown only now").first().waitFor();
    await page.getByText("1 receipt of this negotiation is kept in this browser.").first().waitFor();
    await page.getByRole("button", { name: "Verify receipts" }).click();
    // The sentence is also announced in the live region: the first match is enough.
    await page.getByText("The receipt holds").first().waitFor();
    await axeBoth(page, "record");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Proposals as XLSX" }).click();
    const file = await (await download).path();
    const [sheet] = await xlsxToTables(readFileSync(file));
    expect(sheet!.rows).toHaveLength(2);
    // The same proposals, with the same option labels, as the negotiation's own screen shows them.
    await page.goto(`${server.url}/#/negotiations/${negotiationId}`);
    await page.getByRole("heading", { level: 1, name: "Geneva talks" }).waitFor();
    const screen = await page.locator("main").innerText();
    for (const row of sheet!.rows) {
      expect(screen).toContain(`${row[0]}`);
      for (const cell of row.slice(5, -1)) if (typeof cell === "string") expect(screen, cell).toContain(cell);
    }
    // On paper: no header, no buttons.
    await page.goto(`${server.url}/#/negotiations/${negotiationId}/record`);
    await page.getByRole("heading", { level: 1, name: "Record: Geneva talks" }).waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.top").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Verify receipts" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { level: 2, name: "The log in words" }).isVisible()).toBe(true);
    await context.close();
  });

  it("keeps the chosen language on the user, so another browser shows it", async () => {
    const first = await signInPage(browser, server.url, "ua-delegate", PASSWORD, problems);
    await first.page.goto(`${server.url}/#/account`);
    await first.page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    await axeBoth(first.page, "account");
    await first.page.getByRole("combobox", { name: "Language of the interface" }).selectOption("uk");
    await first.page.getByRole("heading", { level: 1, name: "Ваш обліковий запис" }).waitFor();
    await first.page.getByText("Мову збережено.").first().waitFor();
    await first.context.close();
    const context = await browser.newContext({ viewport: VIEWPORTS[0]! });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel("User name").fill("ua-delegate");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Ви увійшли як ua-delegate").first().waitFor();
    await page.goto(`${server.url}/#/negotiations/${negotiationId}/record`);
    await page.getByRole("heading", { level: 2, name: "Журнал словами" }).waitFor();
    await axeBoth(page, "record in Ukrainian");
    await context.close();
    expect(problems).toEqual([]);
  });
});
