import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Context, Hono } from "hono";

/**
 * The UI's Content-Security-Policy: scripts, styles and API calls from this origin only, no inline
 * code, no frames, no plugins. The UI builds every element with DOM calls (never innerHTML), so
 * even a scenario title full of markup stays text.
 */
export const WEB_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json; charset=utf-8",
};

/**
 * Only built asset names are served: no slashes, no dots but the extension, so no path can escape.
 * Upper-case letters appear in the content hashes of the bundle's chunks ("chunk-4KX2Q7ZB.js").
 */
const ASSET = /^[A-Za-z0-9-]+\.(js|css|map)$/;
const ASSET_MAP = /^[A-Za-z0-9-]+\.(js|css)\.map$/;

/** The @entente/web package directory, found as Node finds the package; null when it is not installed. */
export function webPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve("@entente/web/package.json"));
  } catch {
    return null;
  }
}

export interface WebUiOptions {
  /** The @entente/web package directory (index.html in src/, the bundle in dist/). @default webPackageDir() */
  dir?: string | null;
}

/**
 * Serves the browser UI: "/" is the page, "/ui/<asset>" the bundle built by scripts/build.mjs.
 * Files are read once and kept in memory. Without a build, "/" says how to make one (503).
 */
export function mountWebUi(app: Hono, options: WebUiOptions = {}): void {
  const dir = options.dir === undefined ? webPackageDir() : options.dir;
  const cache = new Map<string, string>();
  const load = async (path: string): Promise<string | null> => {
    const hit = cache.get(path);
    if (hit !== undefined) return hit;
    try {
      const text = await readFile(path, "utf8");
      cache.set(path, text);
      return text;
    } catch {
      return null;
    }
  };
  const send = (c: Context, body: string, ext: string) => {
    c.header("Content-Type", TYPES[ext]!);
    c.header("Content-Security-Policy", WEB_UI_CSP);
    c.header("Cache-Control", "no-cache");
    c.header("Referrer-Policy", "no-referrer");
    return c.body(body, 200);
  };
  app.get("/", async (c) => {
    const page = dir ? await load(join(dir, "src", "index.html")) : null;
    const bundle = dir ? await load(join(dir, "dist", "app.js")) : null;
    if (page === null || bundle === null) {
      c.header("Content-Security-Policy", WEB_UI_CSP);
      return c.text(
        "The web UI is not built. Run `npm run build` (node scripts/build.mjs) and restart.",
        503,
      );
    }
    return send(c, page, "html");
  });
  app.get("/ui/:file", async (c) => {
    const file = c.req.param("file");
    if (!dir || !(ASSET.test(file) || ASSET_MAP.test(file))) {
      return c.json({ error: { code: "not_found", message: `no UI asset ${file}` } }, 404);
    }
    const body = await load(join(dir, "dist", file));
    if (body === null) return c.json({ error: { code: "not_found", message: `no UI asset ${file}` } }, 404);
    return send(c, body, file.endsWith(".map") ? "map" : file.slice(file.lastIndexOf(".") + 1));
  });
}
