// The HTML report in a real Chromium: every chart's labels measured as laid out — none cut by its
// chart's edge, no two of one chart on top of each other — and the page one self-contained file.
// A browser is heavy: this runs once per CI run (the PostgreSQL pass sets DATABASE_URL) or when
// ENTENTE_BROWSER_TESTS is set, and only where /usr/bin/chromium exists.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textBoxProblems } from "./report-text-boxes.js";
import { runCli } from "./run-cli.js";

const CHROMIUM = "/usr/bin/chromium";
const wanted = Boolean(process.env.DATABASE_URL || process.env.ENTENTE_BROWSER_TESTS);
const run = wanted && existsSync(CHROMIUM);

describe.runIf(run)("the HTML report in Chromium", () => {
  const file = join(mkdtempSync(join(tmpdir(), "entente-report-")), "report.html");
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const r = runCli(["analyze", "--runs", "100", "--threads", "1", "--html", file]);
    expect(r.exitCode, r.stderr).toBe(0);
    html = readFileSync(file, "utf8");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("has a Monte Carlo distribution per ordered or unordered issue, the agreement space and power bars per rule", () => {
    const ids = [...html.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.filter((id) => id.startsWith("distribution-")).length).toBeGreaterThanOrEqual(10);
    expect(ids).toContain("agreement-space");
    expect(ids.filter((id) => id.startsWith("power-")).length).toBeGreaterThanOrEqual(3);
    // Each figure carries a text alternative and its data.
    expect(html.match(/<figure class="chart"/g)!.length).toBe(
      html.match(/<details><summary>The data<\/summary>/g)!.length,
    );
  });

  it("is one file with no outside resources", () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)=["'](?!#|data:)/i);
    expect(html).not.toMatch(/url\((?!#|data:)/i);
  });

  it("has no chart label cut by its chart's edge and no two labels on top of each other", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`file://${file}`);
    const measured = await textBoxProblems(page);
    expect(measured.charts).toBeGreaterThan(20);
    expect(measured.texts).toBeGreaterThan(300);
    expect(measured.problems).toEqual([]);
    await page.close();
  });
});
