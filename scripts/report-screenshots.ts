// Screenshots of the HTML report's sections for docs/img, from a real Chromium:
//   npx tsx --conditions=source scripts/report-screenshots.ts [--check]
// It writes `entente analyze --runs 200 --html` of the default scenario to a temporary file, opens
// it in /usr/bin/chromium (playwright-core), reports any chart label cut by its chart's edge or on
// top of another (--check: only that, exit 1 when there is one), and saves one PNG per section.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { textBoxProblems } from "../test/e2e/report-text-boxes.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");
const html = join(mkdtempSync(join(tmpdir(), "entente-report-")), "report.html");
const cli = spawnSync(
  process.execPath,
  [join(root, "packages/cli/dist/entente.js"), "analyze", "--runs", "200", "--threads", "1", "--html", html],
  { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
);
if (cli.status !== 0) throw new Error(`entente analyze failed: ${cli.stderr}`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(`file://${html}`);
  const measured = await textBoxProblems(page);
  console.log(
    `${measured.charts} charts, ${measured.texts} labels measured, ${measured.problems.length} problems`,
  );
  for (const p of measured.problems) console.log(`  ${p.chart}: ${p.problem}`);
  if (check) process.exitCode = measured.problems.length ? 1 : 0;
  else {
    const out = join(root, "docs/img");
    mkdirSync(out, { recursive: true });
    const shots: Array<[string, string]> = [
      ["report-forecast-distribution.png", "figure[id^='distribution-']"],
      ["report-agreement-space.png", "figure#agreement-space"],
      ["report-power.png", "figure[id^='power-']"],
      ["report-issue.png", "h3[id^='issue-'] + p + svg"],
    ];
    for (const [file, selector] of shots) {
      const el = page.locator(selector).first();
      if ((await el.count()) === 0) {
        console.log(`  (no ${selector} in the report)`);
        continue;
      }
      await el.screenshot({ path: join(out, file) });
      console.log(`  docs/img/${file}`);
    }
  }
} finally {
  await browser.close();
}
