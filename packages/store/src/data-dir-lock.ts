import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StoreError } from "./store-types.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** This boot's id (Linux), so a lock written before a reboot is known to be stale. */
function bootId(): string | undefined {
  return readOr("/proc/sys/kernel/random/boot_id")?.trim();
}

/** A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), on Linux. */
function startTime(pid: number): string | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may contain spaces: count from after it.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/** Whether a process runs Node.js (so could be an entente server), by its command line, on Linux. */
function runsNode(pid: number): boolean | undefined {
  const cmd = readOr(`/proc/${pid}/cmdline`);
  if (cmd === undefined) return undefined;
  return /(^|\/)node[\d.]*\0|entente/.test(cmd);
}

interface LockInfo {
  pid: number;
  boot?: string | undefined;
  start?: string | undefined;
}

function parseLock(text: string): LockInfo | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t) };
  try {
    const j = JSON.parse(t) as LockInfo;
    return Number.isInteger(j.pid) && j.pid > 0 ? j : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process a lock names still holds it: alive, and — where Linux tells — the very
 * process that wrote it (same boot, same start time; a lock in the old form, a bare pid, must at
 * least name a Node.js process). After a reboot or a crash the pid is often reused by something
 * unrelated, which must not keep the data directory locked for ever.
 */
function holds(lock: LockInfo): boolean {
  if (lock.pid === process.pid || !alive(lock.pid)) return false;
  const boot = bootId();
  if (lock.boot && boot && lock.boot !== boot) return false;
  const start = startTime(lock.pid);
  if (lock.start && start && lock.start !== start) return false;
  if (!lock.start && runsNode(lock.pid) === false) return false;
  return true;
}

/**
 * Claims an embedded data directory for this process. PGlite has no lock of its own and two
 * processes on one directory would corrupt it, so `entente serve` and `entente audit verify`
 * refuse a directory held by a live process. A lock left by a killed process, or naming a pid now
 * reused by an unrelated process, is taken over. Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "entente.lock");
  const mine: LockInfo = { pid: process.pid, boot: bootId(), start: startTime(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const lock = parseLock(readOr(file) ?? "");
      if (lock && holds(lock)) {
        throw new StoreError(
          "conflict",
          `the data directory ${dataDir} is in use by process ${lock.pid}; stop that server first (or ask it: GET /api/audit/verify)`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreError("conflict", `could not lock the data directory ${dataDir}`);
}
