/**
 * The web app: the shell's size (gzip) and the time to first render of the negotiation screen in
 * Chromium with 20 proposals on it, beside the same figures for the UI of commit 948b4d5 (the
 * hand-written DOM app before the Preact port), which this bench builds itself from `git archive`
 * with the repository's esbuild (no network). Both UIs are served by one small proxy in front of
 * the same running server, so they read the same API and data.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parseScenario } from "@entente/core";
import { build } from "esbuild";
import { apiCall, apiLogin, hasChromium, launchChromium, startWithAdmin } from "../test/e2e/web-helpers.ts";
import type { Benchmark, BenchRow } from "./harness.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const BASE_COMMIT = "948b4d5";
const PROPOSALS = 20;
const LOADS = 5;

/** gzip -9 size of a file, in bytes. */
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The JS a first visit loads: the entry and every chunk it imports statically (transitively). */
function shellFiles(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = readFileSync(join(dir, f), "utf8");
    // Static imports only: `import"./x.js"` / `from"./x.js"`; dynamic `import("./x.js")` is lazy.
    for (const m of text.matchAll(/(?:from|import)\s*"\.\/([A-Za-z0-9-]+\.js)"/g)) visit(m[1]!);
  };
  visit(entry);
  return [...seen];
}

/** Builds the UI of BASE_COMMIT into a temporary directory (index.html, app.js, app.css). */
async function buildBaseline(): Promise<{ dir: string; cleanup: () => void }> {
  const tmp = mkdtempSync(join(tmpdir(), "entente-web-base-"));
  const tar = execFileSync("git", ["-C", root, "archive", BASE_COMMIT, "packages/web", "packages/core"], {
    maxBuffer: 1 << 28,
  });
  writeFileSync(join(tmp, "src.tar"), tar);
  execFileSync("tar", ["-xf", "src.tar"], { cwd: tmp });
  const out = join(tmp, "dist");
  mkdirSync(out);
  const common = {
    bundle: true,
    platform: "browser" as const,
    format: "esm" as const,
    target: "es2022",
    minify: true,
    logLevel: "warning" as const,
    // The commit's own workspace packages, from the archive; third-party code from this checkout.
    alias: { "@entente/core": join(tmp, "packages/core/src/index.ts") },
    nodePaths: [join(root, "node_modules")],
  };
  await build({
    ...common,
    entryPoints: [join(tmp, "packages/web/src/main.ts")],
    outfile: join(out, "app.js"),
  });
  await build({
    ...common,
    entryPoints: [join(tmp, "packages/web/src/styles.css")],
    outfile: join(out, "app.css"),
  });
  writeFileSync(join(out, "index.html"), readFileSync(join(tmp, "packages/web/src/index.html")));
  return { dir: out, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Serves the page `page` at "/", `dir`'s assets under "/ui/", and passes "/api/" to `api`. */
function proxy(dir: string, page: string, api: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/api/")) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && k !== "host") headers[k] = v;
      const r = await fetch(api + url, {
        method: req.method ?? "GET",
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
      res.end(Buffer.from(await r.arrayBuffer()));
      return;
    }
    const file = url === "/" ? "index.html" : url.replace(/^\/ui\//, "");
    if (!/^[A-Za-z0-9.-]+$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(url === "/" ? page : join(dir, file));
      const type = file.endsWith(".html")
        ? "text/html"
        : file.endsWith(".css")
          ? "text/css"
          : "text/javascript";
      res.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
      res.end(body);
    } catch (e) {
      console.error(`web bench proxy: ${file}: ${e}`);
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${a.port}`, server });
    }),
  );
}

/** A negotiation on the default scenario with `n` proposals by Ukraine's delegation; its token and id. */
async function seed(base: string, admin: string, n: number): Promise<{ token: string; id: number }> {
  const { scenarios } = (await apiCall(base, "GET", "/api/scenarios", admin)) as {
    scenarios: { id: number; latestVersion: number }[];
  };
  const s = scenarios[0]!;
  const neg = (await apiCall(base, "POST", "/api/negotiations", admin, {
    title: "Bench talks",
    venue: "Geneva",
    scenarioId: s.id,
    scenarioVersion: s.latestVersion,
  })) as { id: number };
  const user = (await apiCall(base, "POST", "/api/users", admin, {
    name: "ua-bench",
    password: "bench-delegate-pass",
  })) as {
    user: { id: number };
  };
  await apiCall(base, "POST", `/api/negotiations/${neg.id}/members`, admin, {
    userId: user.user.id,
    role: "delegation",
    actorId: "ua",
  });
  await apiCall(base, "POST", `/api/negotiations/${neg.id}/rounds`, admin, { label: "Round 1" });
  let token = await apiLogin(base, "ua-bench", "bench-delegate-pass");
  const me = (await apiCall(base, "GET", "/api/me", token).catch(() => null)) as {
    user?: { mustChangePassword?: boolean };
  } | null;
  if (!me || me.user?.mustChangePassword) {
    await apiCall(base, "POST", "/api/me/password", token, {
      currentPassword: "bench-delegate-pass",
      newPassword: "bench-delegate-pass-2",
    });
    token = await apiLogin(base, "ua-bench", "bench-delegate-pass-2");
  }
  const text = readFileSync(join(root, "scenarios/ukraine-security-guarantees.yaml"), "utf8");
  const parsed = parseScenario(text, "default.yaml");
  if (!parsed.ok) throw new Error("the default scenario must parse");
  const issues = parsed.scenario.issues;
  for (let k = 0; k < n; k++) {
    const pkg: Record<string, string | number> = {};
    for (const i of issues)
      pkg[i.id] =
        i.kind === "numeric" ? i.min + ((i.max - i.min) * k) / n : i.options[k % i.options.length]!.id;
    await apiCall(base, "POST", `/api/negotiations/${neg.id}/proposals`, token, {
      package: pkg,
      note: `bench ${k + 1}`,
      actorId: "ua",
    });
  }
  return { token, id: neg.id };
}

/** Median ms from navigation start to the last proposal's heading on screen, over LOADS loads. */
async function firstRender(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
  token: string,
  id: number,
): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k <= LOADS; k++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => sessionStorage.setItem("entente.token", t), token);
    const page = await context.newPage();
    await page.goto(`${url}/#/negotiations/${id}`);
    await page
      .getByRole("heading", { name: `Proposal ${PROPOSALS}`, exact: true })
      .waitFor({ timeout: 30_000 });
    const ms = await page.evaluate(() => performance.now());
    if (k > 0) times.push(ms); // the first load warms the server and the browser's caches
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export const benchmarks: Benchmark[] = [
  {
    name: `Web app: shell size (gzip) and first render of a negotiation with ${PROPOSALS} proposals, beside the UI at ${BASE_COMMIT}`,
    async run(): Promise<BenchRow[]> {
      const dist = join(root, "packages/web/dist");
      const base = await buildBaseline();
      const rows: BenchRow[] = [];
      const shell = shellFiles(dist, "app.js");
      const shellGz = shell.reduce((s, f) => s + gz(join(dist, f)), 0) + gz(join(dist, "app.css"));
      const allGz = readdirSync(dist)
        .filter((f) => f.endsWith(".js"))
        .reduce((s, f) => s + gz(join(dist, f)), 0);
      const baseGz = gz(join(base.dir, "app.js")) + gz(join(base.dir, "app.css"));
      rows.push({
        name: "shell (JS loaded on first visit + CSS), gzip, kB",
        ms: shellGz / 1000,
        baseline: `UI at ${BASE_COMMIT} (app.js + app.css)`,
        baselineMs: baseGz / 1000,
        target: "≤ 60 kB",
        ok: shellGz <= 60_000,
        note: `a size, not a time (printed in the time column): shell ${(shellGz / 1000).toFixed(1)} kB in ${shell.length} JS file(s) + CSS; every chunk incl. lazily loaded charts ${(allGz / 1000).toFixed(1)} kB; ${BASE_COMMIT}: ${(baseGz / 1000).toFixed(1)} kB`,
      });
      if (!hasChromium) {
        base.cleanup();
        rows.push({ name: "first render: skipped, /usr/bin/chromium is absent", ms: 0 });
        return rows;
      }
      const served = await startWithAdmin("bench-admin-passphrase");
      const server = served.server;
      const browser = await launchChromium();
      const now = await proxy(dist, join(root, "packages/web/src/index.html"), server.url);
      const then = await proxy(base.dir, join(base.dir, "index.html"), server.url);
      try {
        const { token, id } = await seed(server.url, served.adminToken, PROPOSALS);
        const baseMs = await firstRender(browser, then.url, token, id);
        const ms = await firstRender(browser, now.url, token, id);
        rows.push({
          name: `first render of the negotiation screen (delegation of Ukraine, ${PROPOSALS} proposals), Chromium, median of ${LOADS}`,
          ms,
          baseline: `UI at ${BASE_COMMIT}`,
          baselineMs: baseMs,
          note: "from navigation start to the last proposal's heading on screen; same server, same data; the machine is shared and noisy",
        });
      } finally {
        await browser.close();
        now.server.close();
        then.server.close();
        await served.close();
        base.cleanup();
      }
      return rows;
    },
  },
];
