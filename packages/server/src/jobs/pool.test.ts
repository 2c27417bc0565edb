import { existsSync } from "node:fs";
import { getPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createCpuPool, defaultPoolThreads, PoolCancelledError } from "./pool.js";

const CHEAP = { memoryKiB: 64, iterations: 1 };
const pool = createCpuPool({ threads: 2 });
afterAll(() => pool.close());

describe("the CPU pool", () => {
  it("hashes and verifies a password with argon2id in a worker thread", async () => {
    const hash = await pool.run("argon2.hash", { password: "correct horse", ...CHEAP });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(await pool.run("argon2.verify", { password: "correct horse", hash })).toBe(true);
    expect(await pool.run("argon2.verify", { password: "wrong", hash })).toBe(false);
  });

  it("runs tasks on threads other than the caller's, so the event loop stays free", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const ids = await Promise.all([pool.run("test.spin", { ms: 300 }), pool.run("test.spin", { ms: 300 })]);
    clearInterval(timer);
    expect(ids).not.toContain(threadId);
    // Had the spins run on this thread, no interval would have fired until both were over.
    expect(ticks).toBeGreaterThan(0);
  });

  it("stops a running task when its signal aborts", async () => {
    const ac = new AbortController();
    const started = Date.now();
    const run = pool.run("test.spin", { ms: 5_000 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(run).rejects.toBeInstanceOf(PoolCancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("returns a scenario's located errors from the validation task", async () => {
    const r = await pool.run("scenario.validate", { text: "id: x\nactors: 3\n", fileName: "bad.yaml" });
    expect(r.ok).toBe(false);
  });

  it("refuses an unknown task kind", async () => {
    await expect(pool.run("nope" as "test.spin", { ms: 0 })).rejects.toThrow(/unknown pool task 'nope'/);
  });

  it("runs tasks in the calling thread with zero threads", async () => {
    const inline = createCpuPool({ threads: 0 });
    expect(await inline.run("test.spin", { ms: 1 })).toBe(threadId);
  });

  it("takes its size from ENTENTE_POOL_THREADS, else the machine", () => {
    expect(defaultPoolThreads({ ENTENTE_POOL_THREADS: "3" })).toBe(3);
    expect(defaultPoolThreads({ ENTENTE_POOL_THREADS: "x" })).toBeGreaterThanOrEqual(1);
  });

  it("leaves a server's event loop a core of its own, but never goes below one thread", () => {
    expect(defaultPoolThreads({}, 1, 2)).toBe(1);
    expect(defaultPoolThreads({}, 1, 8)).toBe(7);
    expect(defaultPoolThreads({}, 1, 1)).toBe(1);
    expect(defaultPoolThreads({}, 0, 2)).toBe(2);
    expect(defaultPoolThreads({ ENTENTE_POOL_THREADS: "2" }, 1, 2)).toBe(2);
  });

  it("runs its threads at a lower CPU priority than the thread that queues work (Linux)", async () => {
    if (process.platform !== "linux") return;
    const nice = async () => {
      const p = createCpuPool({ threads: 1 });
      try {
        return await p.run("test.nice", {});
      } finally {
        await p.close();
      }
    };
    const mine = getPriority();
    expect(await nice()).toBe(Math.min(19, mine + 10));
    expect(getPriority()).toBe(mine);
  });

  const bundled = fileURLToPath(new URL("../../../cli/dist/pool-worker.js", import.meta.url));
  it.runIf(existsSync(bundled))(
    "works with the bundled worker the CLI ships (dist/pool-worker.js)",
    async () => {
      const p = createCpuPool({ threads: 1, workerFile: bundled });
      try {
        const hash = await p.run("argon2.hash", { password: "pw", ...CHEAP });
        expect(await p.run("argon2.verify", { password: "pw", hash })).toBe(true);
      } finally {
        await p.close();
      }
    },
  );
});
