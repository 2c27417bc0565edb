import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const agreement = join(repoRoot, "scenarios/minsk-ii.yaml");
const events = join(repoRoot, "scenarios/minsk-ii-events.csv");

describe("entente monitor", () => {
  it("replays the Minsk II log as of 10 Mar 2015 (00:00 Kyiv) into the dashboard", () => {
    const r = runCli(["monitor", agreement, "--events", events, "--as-of", "2015-03-10T00:00"]);
    expect(r.exitCode).toBe(0);
    // Times on the agreement's wall clock (Europe/Kyiv), parties by name.
    expect(r.stdout).toContain("compliance as of 2015-03-10 00:00");
    expect(r.stdout).toContain("(times in Europe/Kyiv)");
    expect(r.stdout).toMatch(
      /hostage-release — Representatives of certain areas of the Donetsk and Luhansk regions, deadline 2015-03-08 00:00/,
    );
    expect(r.stdout).toMatch(/eu-sanctions-review: locked/);
  });

  it("writes JSON and an HTML report with the timeline and trust charts", () => {
    const html = join(mkdtempSync(join(tmpdir(), "entente-")), "m.html");
    const r = runCli([
      "monitor",
      agreement,
      "--events",
      events,
      "--as-of",
      "2016-01-01T00:00Z",
      "--format",
      "json",
      "--html",
      html,
    ]);
    expect(r.exitCode).toBe(0);
    const view = JSON.parse(r.stdout) as {
      report: { slots: Array<{ commitment: string; obligor: string; status: string }> };
    };
    expect(view.report.slots.find((s) => s.commitment === "constitutional-reform")?.status).toBe("overdue");
    const page = readFileSync(html, "utf8");
    expect(page).toContain('aria-label="Compliance timeline"');
    expect(page).toContain('aria-label="Trust index over time"');
  });

  it("replays up to the last event when --as-of is not given", () => {
    const r = runCli(["monitor", agreement, "--events", events]);
    expect(r.exitCode).toBe(0);
    // The log's last event: r-013 at 03:30 Kyiv time on 25 October 2015 (the night clocks went back).
    expect(r.stdout).toContain("compliance as of 2015-10-25 03:30");
  });

  it("exits 2 when the scenario has no agreement", () => {
    const r = runCli(["monitor", join(repoRoot, "scenarios/istanbul-2022.yaml"), "--events", events]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("has no 'agreement' block");
  });

  it("follows the default scenario's agreement template over its illustrative log", () => {
    const r = runCli(["monitor", "--events", join(repoRoot, "scenarios/ukraine-settlement-events.csv")]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("compliance as of 2030-06-05 12:00");
    expect(r.stdout).toMatch(/sanctions-step-1: snapped-back since 2030-03-20 07:00 \(ceasefire-ru\)/);
    expect(r.stdout).toContain("ceasefire-ua:ua:1 [lapsed] under unanimity-excl-accused");
  });
});

describe("entente events import", () => {
  it("reports every error of a bad file with file:line and field, and stores nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-"));
    const bad = join(dir, "bad.csv");
    const log = join(dir, "log.jsonl");
    writeFileSync(
      bad,
      "kind,id,time,by,type,party,confidence\nreport,x1,2015-02-16T10:00+02:00,osce,shelling,ru,0.9\nreport,x2,2015-02-16T10:00,osce,ceasefire-violation,ru,2\n",
    );
    const r = runCli(["events", "import", bad, "--log", log]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:2 type: expected one of`);
    expect(r.stderr).toContain(`${bad}:3 time:`);
    expect(r.stderr).toContain(`${bad}:3 confidence:`);
    expect(existsSync(log)).toBe(false);
  });

  it("appends a valid file, then refuses a re-import without touching what is stored", () => {
    const log = join(mkdtempSync(join(tmpdir(), "entente-")), "log.jsonl");
    expect(runCli(["events", "import", events, "--log", log]).stdout).toContain("imported 19 events");
    const before = readFileSync(log, "utf8");
    const again = runCli(["events", "import", events, "--log", log]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("duplicate event id 'r-001'");
    expect(readFileSync(log, "utf8")).toBe(before);
    const m = runCli(["monitor", agreement, "--events", log, "--as-of", "2015-03-10T00:00"]);
    expect(m.exitCode).toBe(0);
  });

  it("points at line and column in a JSON file", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-"));
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      '[\n  {"kind": "vote", "id": "v1", "time": "2015-02-16T10:00Z", "by": "fr",\n   "consultation": "c", "vote": "maybe"}\n]\n',
    );
    const r = runCli(["events", "check", bad]);
    expect(r.exitCode).toBe(2);
    // Line 3: three spaces, "consultation": "c", then "vote": — the value "maybe" opens at column 33.
    expect(r.stderr).toContain(`${bad}:3:33 vote: expected one of: yes, no, abstain`);
  });
});

describe("entente events import --server", () => {
  it("posts the validated events to the negotiation's batch route with the token from ENTENTE_TOKEN", async () => {
    const { createServer } = await import("node:http");
    const { spawn } = await import("node:child_process");
    const seen: Array<{ url: string; auth: string; count: number }> = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const events = (JSON.parse(body) as { events: unknown[] }).events;
        seen.push({ url: req.url ?? "", auth: req.headers.authorization ?? "", count: events.length });
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ accepted: events.length, changes: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const cli = join(repoRoot, "packages/cli/dist/entente.js");
    const child = spawn(
      process.execPath,
      [cli, "events", "import", events, "--server", `http://127.0.0.1:${port}`, "--negotiation", "7"],
      {
        env: { ...process.env, ENTENTE_TOKEN: "token-0123456789abcdef", NO_COLOR: "1" },
      },
    );
    let stdout = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
    server.close();
    expect(code).toBe(0);
    expect(stdout).toContain("posted 19 events to negotiation 7");
    expect(seen).toEqual([
      { url: "/api/negotiations/7/monitoring/events", auth: "Bearer token-0123456789abcdef", count: 19 },
    ]);
  });
});
