import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountWebUi, WEB_UI_CSP, webPackageDir } from "./web-routes.js";

let dir: string;
let app: Hono;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "entente-webui-"));
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "src", "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(dir, "dist", "app.js"), "console.log(1)");
  writeFileSync(join(dir, "dist", "app.css"), "body{}");
  writeFileSync(join(dir, "dist", "app.js.map"), "{}");
  writeFileSync(join(dir, "secret.txt"), "not an asset");
  app = new Hono();
  mountWebUi(app, { dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the web UI routes", () => {
  it("serve the page at / as HTML with the strict CSP", async () => {
    const r = await app.request("/");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(r.headers.get("content-security-policy")).toBe(WEB_UI_CSP);
    expect(await r.text()).toContain("<title>t</title>");
  });

  it("serve each asset with its content type", async () => {
    for (const [file, type] of [
      ["app.js", "text/javascript; charset=utf-8"],
      ["app.css", "text/css; charset=utf-8"],
      ["app.js.map", "application/json; charset=utf-8"],
    ]) {
      const r = await app.request(`/ui/${file}`);
      expect(r.status, file).toBe(200);
      expect(r.headers.get("content-type"), file).toBe(type);
    }
  });

  it("never serve a file outside dist/", async () => {
    for (const path of [
      "/ui/..%2Fsecret.txt",
      "/ui/..%2F..%2Fsecret.txt",
      "/ui/secret.txt",
      "/ui/.env",
      "/ui/app.JS",
    ]) {
      const r = await app.request(path);
      expect(r.status, path).toBe(404);
      expect(await r.text(), path).not.toContain("not an asset");
    }
  });

  it("say how to build the UI when it is not built", async () => {
    const bare = new Hono();
    mountWebUi(bare, { dir: join(dir, "nowhere") });
    const r = await bare.request("/");
    expect(r.status).toBe(503);
    expect(await r.text()).toContain("npm run build");
  });

  it("find the @entente/web package from the server", () => {
    expect(webPackageDir()).toMatch(/packages[/\\]web$|@entente[/\\]web$/);
  });
});

describe("the CSP", () => {
  it("allows no inline script or style and no other origin", () => {
    expect(WEB_UI_CSP).toContain("default-src 'none'");
    expect(WEB_UI_CSP).toContain("script-src 'self'");
    expect(WEB_UI_CSP).toContain("frame-ancestors 'none'");
    expect(WEB_UI_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});
