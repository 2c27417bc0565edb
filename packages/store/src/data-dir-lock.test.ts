import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock.js";

describe("lockDataDir", () => {
  it("refuses a directory whose lock names a live process", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-lock-"));
    // The parent of this test worker is alive for as long as the test runs.
    writeFileSync(join(dir, "entente.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-lock-"));
    writeFileSync(join(dir, "entente.lock"), "2147483646"); // above any pid Linux hands out
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "entente.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(() => readFileSync(join(dir, "entente.lock"))).toThrow();
  });
});
