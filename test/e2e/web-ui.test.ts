import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScenario, type Scenario } from "@entente/core";
import { type RunningServer, startServer } from "@entente/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./run-cli.js";
import { a11yViolations, CHROMIUM, apiCall as call, hasChromium, launchChromium } from "./web-helpers.js";

/**
 * The web UI in a real Chromium against the real server (embedded store in a temporary
 * directory, ephemeral port): an admin opens a negotiation, a delegation lodges private positions
 * and tables a proposal, the mediator counters it and asks for derived answers — and the mediator's
 * page never shows a delegation's red line. Screenshots of each screen go to ENTENTE_SHOTS (or a
 * temporary directory) for a person to look at.
 */
if (!hasChromium) console.warn(`web-ui.test: skipped, ${CHROMIUM} is absent (apt-get install chromium)`);

const scenarioFile = join(repoRoot, "scenarios/ukraine-security-guarantees.yaml");
const scenarioText = readFileSync(scenarioFile, "utf8");
const parsed = parseScenario(scenarioText, scenarioFile);
if (!parsed.ok) throw new Error("the default scenario must parse");
const scenario: Scenario = parsed.scenario;
const shots = process.env.ENTENTE_SHOTS ?? mkdtempSync(join(tmpdir(), "entente-shots-"));
const PASSWORD = "correct-horse-battery";
/** Strings only in ru's private positions: if the mediator's page shows one, a red line leaked. */
const RU_SECRET_SOURCE = "ru private brief 7f3a";
const RU_SECRET_NOTE = "ru will walk out below this";

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const consoleProblems: string[] = [];

async function apiCall(method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
  return call(server.url, method, path, token, body);
}

async function login(name: string, password: string): Promise<string> {
  return ((await apiCall("POST", "/api/login", null, { name, password })) as { token: string }).token;
}

/** A fresh browser context (own sessionStorage) signed in through the login form. */
async function signIn(name: string, password: string, shot?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      consoleProblems.push(m.text());
  });
  page.on("pageerror", (e) => consoleProblems.push(String(e)));
  await page.goto(server.url);
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  if (shot) {
    await page.screenshot({ path: join(shots, shot) });
    expect(await a11yViolations(page)).toEqual([]);
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(`Signed in as ${name}`).waitFor();
  return page;
}

async function openNegotiation(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Geneva talks" }).click();
  await page.getByRole("heading", { level: 1, name: "Geneva talks" }).waitFor();
}

describe.skipIf(!hasChromium)("web UI in Chromium", () => {
  let adminPassword: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "entente-web-"));
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      dataDir,
      defaultScenario: { text: scenarioText, fileName: scenarioFile },
    });
    // The printed password is a one-time password: the admin chooses their own before anything else.
    const oneTime = server.firstStart.admin!.oneTimePassword;
    const admin = await login("admin", oneTime);
    adminPassword = "administrator-passphrase";
    await apiCall("POST", "/api/me/password", admin, {
      currentPassword: oneTime,
      newPassword: adminPassword,
    });
    for (const name of ["ua-delegate", "ru-delegate", "un-mediator"]) {
      await apiCall("POST", "/api/users", admin, { name, password: PASSWORD });
    }
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.info(`web-ui.test: screenshots in ${shots}`);
  });

  it("serves the page with a strict Content-Security-Policy and the bundle as JavaScript", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const js = await fetch(`${server.url}/ui/app.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const css = await fetch(`${server.url}/ui/app.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("has an accessibility check that finds a known violation (so its silence means something)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      '<html lang="en"><title>t</title><body><main><input type="text"></main></body></html>',
    );
    expect(await a11yViolations(page)).toEqual([expect.stringMatching(/^label: /)]);
    await context.close();
  });

  it("walks the admin, delegation and mediator flows", { timeout: 180_000 }, async () => {
    // --- admin: a bad upload lists its errors with line:column and field path -----------------
    const admin = await signIn("admin", adminPassword, "01-login.png");
    await admin.getByRole("link", { name: "Scenarios" }).click();
    const small = readFileSync(join(repoRoot, "packages/core/src/model/fixtures/small.yaml"), "utf8");
    await admin.getByLabel("Scenario text").fill(small.replace("kind: organisation", "kind: org"));
    await admin.getByRole("button", { name: "Validate and upload" }).click();
    // Same error, same place, as the CLI reports for this edit (test/e2e/cli-analyze.test.ts).
    await admin
      .getByText("line 17, column 11 · actors[2].kind: expected one of: state, bloc, organisation, got 'org'")
      .waitFor();
    // A second version (a new title) and the field-by-field comparison of the two.
    await admin
      .getByLabel("Scenario text")
      .fill(scenarioText.replace(/^title: .*$/m, "title: Security guarantees, revised"));
    await admin.getByRole("button", { name: "Validate and upload" }).click();
    await admin.getByRole("cell", { name: "v2", exact: true }).waitFor();
    await admin.getByRole("button", { name: "Versions of ukraine-security-guarantees" }).click();
    await admin.getByRole("button", { name: "Compare" }).click();
    await admin.getByText("1 change from v1 to v2").waitFor();
    expect(await admin.locator("table.diff tbody tr").allInnerTexts()).toEqual([
      expect.stringMatching(
        /^\/title\s+changed\s+"Security guarantees for Ukraine \(2025 talks\)"\s+"Security guarantees, revised"$/,
      ),
    ]);
    await admin.screenshot({ path: join(shots, "02-scenarios.png"), fullPage: true });
    expect(await a11yViolations(admin)).toEqual([]);

    // --- admin: open a negotiation, assign roles, open a round -----------------------------
    await admin.getByRole("link", { name: "Negotiations" }).click();
    await admin.getByLabel("Title").fill("Geneva talks");
    await admin.getByLabel("Venue").fill("Geneva");
    await admin.getByRole("button", { name: "Open negotiation" }).click();
    await admin.getByRole("heading", { level: 1, name: "Geneva talks" }).waitFor();
    for (const [user, role, actor] of [
      ["ua-delegate", "delegation", "ua"],
      ["ru-delegate", "delegation", "ru"],
      ["un-mediator", "mediator", ""],
    ] as const) {
      await admin.getByLabel("User", { exact: true }).selectOption({ label: user });
      await admin.getByLabel("Role", { exact: true }).selectOption(role);
      await admin.getByLabel("Represents (delegations only)").selectOption(actor);
      await admin.getByRole("button", { name: "Add member" }).click();
      await admin.getByRole("cell", { name: user, exact: true }).waitFor();
    }
    await admin.getByRole("button", { name: "Open round" }).click();
    await admin.getByText("Round 1", { exact: false }).first().waitFor();
    await admin.screenshot({ path: join(shots, "02b-admin-negotiation.png") });
    await admin.getByRole("link", { name: "Negotiations" }).click();
    await admin.getByRole("link", { name: "Geneva talks" }).waitFor();
    await admin.screenshot({ path: join(shots, "02c-negotiations.png") });

    // --- ua's delegation: lodge private positions, table a proposal, score it --------------
    const ua = await signIn("ua-delegate", PASSWORD);
    await openNegotiation(ua);
    await ua.getByRole("heading", { name: "Private positions of Ukraine" }).waitFor();
    await ua.getByLabel("BATNA").fill("0.3");
    await ua.getByRole("button", { name: "Lodge private positions" }).click();
    await ua.locator("section.private-ua").getByText("Version 1 lodged").waitFor();
    const first = scenario.issues[0]!;
    const choice = first.kind === "numeric" ? null : first.options[first.options.length - 1]!;
    if (choice) await ua.getByLabel(first.name, { exact: true }).selectOption(choice.id);
    // Markup in a note must stay text: the UI never parses server strings as HTML.
    const note = 'Opening offer <img src="/x" data-injected="1"><b>bold</b>';
    await ua.getByLabel("Note (public)").fill(note);
    await ua.getByRole("button", { name: "Table proposal" }).click();
    await ua.getByRole("heading", { name: "Proposal 1" }).waitFor();
    await ua.getByText(note, { exact: true }).waitFor();
    expect(await ua.locator("[data-injected], .note-text b").count()).toBe(0);
    await ua.getByLabel("Private score for Ukraine (0–1)").fill("0.8");
    await ua.getByRole("button", { name: "Save score" }).click();
    await ua.getByText("Your latest private score: 0.8").waitFor();
    await ua.screenshot({ path: join(shots, "03-delegation.png") });
    expect(await a11yViolations(ua)).toEqual([]);
    await ua.locator("section.private-ua").screenshot({ path: join(shots, "03-delegation-private.png") });

    // --- ru's delegation lodges its private positions (through the API) --------------------
    const ruToken = await login("ru-delegate", PASSWORD);
    const nid = Number(/negotiations\/(\d+)/.exec(ua.url())![1]);
    const ruPositions = scenario.positions
      .filter((p) => p.actor === "ru")
      .map(({ actor: _a, ...p }) => ({ ...p, source: RU_SECRET_SOURCE }));
    const withNote = ruPositions.find((p) => p.redLine);
    if (withNote) withNote.redLine = { ...withNote.redLine, note: RU_SECRET_NOTE };
    await apiCall("POST", `/api/negotiations/${nid}/private/ru`, ruToken, { positions: ruPositions });

    // --- the mediator: counter-proposal, then derived answers only -------------------------
    const med = await signIn("un-mediator", PASSWORD);
    await openNegotiation(med);
    await med.getByRole("button", { name: "Counter proposal 1" }).click();
    await med.getByRole("button", { name: "Table proposal" }).click();
    await med.getByRole("heading", { name: "Counter-proposal 2 to 1" }).waitFor();
    await med.getByRole("button", { name: "Is there a zone of agreement?" }).click();
    await med.getByText("Acceptable packages").waitFor();
    await med.getByRole("button", { name: "Would every delegation accept proposal 1?" }).click();
    // Proposal 1 is Ukraine's own package, off the disclosure grid: the mediator is refused rather
    // than told anything about one delegation (docs/platform.md, the disclosure bound).
    const answer = med.locator("div.acceptance p");
    await answer.waitFor();
    const said = (await answer.textContent()) ?? "";
    expect(said).toMatch(
      /^(Every|Not every) delegation would accept it \(disclosure budget: \d+ of \d+ bits spent\)$|off the disclosure grid/,
    );
    for (const name of ["Ukraine", "Russian Federation"]) expect(said).not.toContain(name);
    expect(await med.locator("ul.yesno li").count()).toBe(0);
    const seen = await med.locator("body").innerText();
    for (const secret of [RU_SECRET_SOURCE, RU_SECRET_NOTE, "Private positions", "Red line", "redLine"]) {
      expect(seen).not.toContain(secret);
    }
    await med.screenshot({ path: join(shots, "04-mediator-full.png"), fullPage: true });
    expect(await a11yViolations(med)).toEqual([]);
    await med.evaluate(() => window.scrollTo(0, 0));
    await med.screenshot({ path: join(shots, "04-mediator.png") });
    await med.setViewportSize({ width: 390, height: 844 });
    await med.screenshot({ path: join(shots, "04-mediator-narrow.png") });
    await med.setViewportSize({ width: 1280, height: 900 });

    // --- admin: the audit log and its hash chain -----------------------------------------
    await admin.getByRole("link", { name: "Audit log" }).click();
    await admin.getByRole("button", { name: "Verify chain" }).click();
    await admin.getByText(/^Chain intact: \d+ entries checked/).waitFor();
    expect(await admin.locator("table.audit tbody tr").count()).toBeGreaterThan(5);
    await admin.screenshot({ path: join(shots, "05-audit.png") });
    expect(await a11yViolations(admin)).toEqual([]);

    // --- an observer reads the record and has no controls that would fail -------------------
    const adminToken = await login("admin", adminPassword);
    const observer = (await apiCall("POST", "/api/users", adminToken, {
      name: "observer-osce",
      password: PASSWORD,
    })) as {
      user: { id: number };
    };
    await apiCall("POST", `/api/negotiations/${nid}/members`, adminToken, {
      userId: observer.user.id,
      role: "observer",
    });
    const obs = await signIn("observer-osce", PASSWORD);
    await openNegotiation(obs);
    await obs.getByRole("heading", { name: "Counter-proposal 2 to 1" }).waitFor();
    await obs.getByRole("heading", { name: "Audit log of this negotiation" }).waitFor();
    for (const control of [
      "Table proposal",
      "Open round",
      "Is there a zone of agreement?",
      "Save score",
      "Verify chain",
    ]) {
      expect(await obs.getByRole("button", { name: control }).count(), control).toBe(0);
    }
    expect(await obs.locator("section[class*='private-']").count()).toBe(0);

    // --- sign out returns to the form ----------------------------------------------------
    await med.getByRole("button", { name: "Sign out" }).click();
    await med.getByRole("heading", { name: "Sign in to Entente" }).waitFor();

    expect(consoleProblems).toEqual([]);
  });
});
