import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(JSON.parse(readFileSync(join(dir, "entente.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(() => readFileSync(join(dir, "entente.lock"))).toThrow();
  });

  it.runIf(existsSync("/proc/self/stat"))(
    "takes over a lock whose pid now belongs to a live, unrelated process (pid reused after a crash)",
    () => {
      const other = spawn("sleep", ["30"], { stdio: "ignore" });
      try {
        // A bare pid (the old form) naming a process that is not Node.js.
        const a = mkdtempSync(join(tmpdir(), "entente-lock-"));
        writeFileSync(join(a, "entente.lock"), String(other.pid));
        lockDataDir(a)();
        // The new form: the same pid, but written by a process that started at another time.
        const b = mkdtempSync(join(tmpdir(), "entente-lock-"));
        writeFileSync(join(b, "entente.lock"), JSON.stringify({ pid: other.pid, start: "1" }));
        lockDataDir(b)();
        // And a live holder as it writes itself is still refused.
        const c = mkdtempSync(join(tmpdir(), "entente-lock-"));
        const release = lockDataDir(c);
        const held = JSON.parse(readFileSync(join(c, "entente.lock"), "utf8"));
        release();
        writeFileSync(
          join(c, "entente.lock"),
          JSON.stringify({ ...held, pid: process.ppid, start: undefined }),
        );
        expect(() => lockDataDir(c)).toThrow(/in use by process/);
      } finally {
        other.kill();
      }
    },
  );
});
