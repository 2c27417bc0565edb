import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { findUpwards } from "./find-upwards.js";

describe("findUpwards", () => {
  const root = mkdtempSync(join(tmpdir(), "entente-find-"));
  mkdirSync(join(root, "dist", "chunks"), { recursive: true });
  writeFileSync(join(root, "dist", "worker.js"), "");
  const chunk = pathToFileURL(join(root, "dist", "chunks", "chunk-1.js")).href;

  it("finds a file beside the bundle from a module in a chunk folder", () => {
    expect(findUpwards(chunk, "worker.js", 1)).toBe(join(root, "dist", "worker.js"));
  });

  it("looks no further up than asked", () => {
    writeFileSync(join(root, "top.txt"), "");
    expect(findUpwards(chunk, "top.txt", 1)).toBeUndefined();
    expect(findUpwards(chunk, "top.txt", 2)).toBe(join(root, "top.txt"));
  });
});
