// Bundles each runnable entry point (CLI, worker threads) into one ESM file so the CLI starts fast on
// plain Node.js without a TypeScript loader. Workspace packages are bundled from source; third-party
// dependencies stay external and are loaded from node_modules.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const packagesDir = join(root, "packages");

// Pure-JavaScript libraries every command loads are bundled in: one file parses and links much faster
// than a tree of small modules resolved one by one (zod alone is ~100 files; loading it from
// node_modules cost ~100 ms of a 0.8 s `entente analyze`). Everything else (PGlite's WebAssembly, pg,
// the server's libraries) stays in node_modules and loads only for the commands that need it.
const bundled = new Set([
  "zod",
  "yaml",
  "js-yaml",
  "commander",
  "picocolors",
  "cli-progress",
  "string-width",
  "wrap-ansi",
]);
const external = new Set();

// Imports of "yaml" from the project's code go through a shim that loads the library on first use
// (see shims/lazy-yaml.js); the shim's own require() resolves to the real package.
const lazyYaml = {
  name: "lazy-yaml",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      args.kind === "import-statement" && !args.importer.includes(`${join("node_modules", "")}`)
        ? { path: join(root, "scripts", "shims", "lazy-yaml.js") }
        : undefined,
    );
  },
};

// zod re-exports every locale's error messages (~300 KB of the bundle, parsed on every start); the
// CLI reports its own messages and zod's English default, so only the English locale is kept.
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join("node_modules", "zod")}`)
        ? { path: join(dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};
const entries = [];
const workerEntries = [];
const browserEntries = [];
for (const name of readdirSync(packagesDir)) {
  const manifestPath = join(packagesDir, name, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (!dep.startsWith("@entente/") && !bundled.has(dep)) external.add(dep);
  }
  // "entente.entries" maps an output file (relative to the package) to its source file.
  for (const [out, src] of Object.entries(manifest.entente?.entries ?? {})) {
    entries.push({ out: join(packagesDir, name, out), src: join(packagesDir, name, src) });
  }
  // "entente.workerEntries": worker-thread entries, each bundled alone with only the code it reaches
  // (the engines are side-effect free, so a worker leaves out zod, YAML and the CLI): a worker then
  // starts in milliseconds instead of loading the whole CLI bundle again.
  for (const [out, src] of Object.entries(manifest.entente?.workerEntries ?? {})) {
    workerEntries.push({ out: join(packagesDir, name, out), src: join(packagesDir, name, src) });
  }
  // "entente.browserEntries": the same map, for self-contained browser bundles (scripts and CSS).
  for (const [out, src] of Object.entries(manifest.entente?.browserEntries ?? {})) {
    browserEntries.push({ out: join(packagesDir, name, out), src: join(packagesDir, name, src) });
  }
}

// Browser chunks carry content hashes: clear the old ones so a stale chunk can never be served.
for (const { out } of browserEntries) {
  const dir = dirname(out);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) if (f.startsWith("chunk-")) rmSync(join(dir, f), { force: true });
}

// Node entries that share an output folder are built together with code splitting, so that code only
// some commands need (the server, the store, PGlite) sits in chunks loaded by dynamic import() and the
// CLI starts without them.
const nodeBuilds = new Map();
for (const { out, src } of entries) {
  const dir = dirname(out);
  const points = nodeBuilds.get(dir) ?? {};
  points[basename(out, ".js")] = src;
  nodeBuilds.set(dir, points);
}

// Chunk names carry content hashes: clear the old ones so a stale chunk can never be loaded.
for (const outdir of nodeBuilds.keys()) rmSync(join(outdir, "chunks"), { recursive: true, force: true });

// What every Node.js bundle shares: ESM for Node 20+, third-party packages outside the bundle
// unless listed in `bundled`, whitespace and syntax minified (V8 parses the bundle on every start;
// names stay readable in stack traces and profiles), and a `require` for the bundled CommonJS code.
const requireShim =
  "import { createRequire as __entente_cr } from 'node:module'; const require = __entente_cr(import.meta.url);";
const nodeOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["source"],
  external: [...external].flatMap((d) => [d, `${d}/*`]),
  plugins: [zodEnglishOnly, lazyYaml],
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
};

await Promise.all([
  ...[...nodeBuilds].map(([outdir, entryPoints]) =>
    build({
      ...nodeOptions,
      entryPoints,
      outdir,
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      banner: { js: `#!/usr/bin/env node\n${requireShim}` },
    }),
  ),
  ...workerEntries.map(({ out, src }) =>
    build({ ...nodeOptions, entryPoints: [src], outfile: out, banner: { js: requireShim } }),
  ),
  ...browserEntries.map(({ out, src }) =>
    build({
      entryPoints: { [basename(out).replace(/\.(js|css)$/, "")]: src },
      outdir: dirname(out),
      // Scripts are split: code only some screens need (charts, other languages' catalogues) goes
      // into chunks loaded by dynamic import(), named by content hash (old ones are removed above).
      ...(src.endsWith(".ts") ? { splitting: true, chunkNames: "chunk-[hash]" } : {}),
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      conditions: ["source"],
      minify: true,
      sourcemap: true,
      logLevel: "warning",
    }),
  ),
]);

// npm links a package's bin before `prepare` builds it, so the built files must be made executable here.
for (const { out } of entries) chmodSync(out, 0o755);
