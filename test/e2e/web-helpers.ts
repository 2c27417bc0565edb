/**
 * Shared pieces of the browser tests (playwright-core with Debian's Chromium against the real
 * server): launching Chromium, signing in through the form, calling the API, running axe, and
 * collecting console errors (CSP violations included).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@entente/server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { repoRoot } from "./run-cli.js";

/** Debian's Chromium; browser tests skip (with a message) when it is absent. */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Starts headless Chromium with the flags the tests need (no sandbox in containers, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

let axeSource: string | null = null;

/**
 * Runs axe-core's WCAG 2 A and AA rules on the page as it is and returns each violation as
 * "rule: target" (empty when the screen passes). `impacts` limits the result (e.g. ["serious",
 * "critical"]). Injected through the DevTools protocol, which the page's CSP does not govern.
 */
export async function a11yViolations(page: Page, impacts?: string[]): Promise<string[]> {
  axeSource ??= readFileSync(join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            o: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.flatMap((v) =>
      v.nodes.map((n) => ({ impact: v.impact, text: `${v.id}: ${JSON.stringify(n.target)}` })),
    );
  });
  return found.filter((f) => !impacts || impacts.includes(f.impact)).map((f) => f.text);
}

/** Calls the API as `token` (null: signed out); throws with the body on a non-2xx answer. */
export async function apiCall(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Signs in over the API and returns the session token. */
export async function apiLogin(base: string, name: string, password: string): Promise<string> {
  return ((await apiCall(base, "POST", "/api/login", null, { name, password })) as { token: string }).token;
}

/**
 * A fresh browser context (own sessionStorage) signed in through the sign-in form. Console errors
 * (CSP violations among them) and page errors go to `problems`.
 */
export async function signInPage(
  browser: Browser,
  base: string,
  name: string,
  password: string,
  problems: string[],
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(base);
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(`Signed in as ${name}`).waitFor();
  return { page, context };
}

/** A running server on the default scenario with its admin's own password set (the one-time one replaced). */
export interface ServedWithAdmin {
  server: RunningServer;
  adminToken: string;
  /** Stops the server and removes its data directory. */
  close(): Promise<void>;
}

/**
 * Starts the real server on 127.0.0.1 (ephemeral port, embedded store in a temporary directory)
 * with the default scenario, and signs the admin in with `adminPassword` in place of the printed
 * one-time password, as a first sign-in must.
 */
export async function startWithAdmin(adminPassword: string): Promise<ServedWithAdmin> {
  const dataDir = mkdtempSync(join(tmpdir(), "entente-web-"));
  const file = join(repoRoot, "scenarios/ukraine-security-guarantees.yaml");
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    defaultScenario: { text: readFileSync(file, "utf8"), fileName: file },
  });
  const oneTime = server.firstStart.admin!.oneTimePassword;
  const first = await apiLogin(server.url, "admin", oneTime);
  await apiCall(server.url, "POST", "/api/me/password", first, {
    currentPassword: oneTime,
    newPassword: adminPassword,
  });
  return {
    server,
    adminToken: await apiLogin(server.url, "admin", adminPassword),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
