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

/**
 * Claims an embedded data directory for this process. PGlite has no lock of its own and two
 * processes on one directory would corrupt it, so `entente serve` and `entente audit verify`
 * refuse a directory held by a live process. A lock left by a killed process is taken over.
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "entente.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new StoreError(
          "conflict",
          `the data directory ${dataDir} is in use by process ${pid}; stop that server first (or ask it: GET /api/audit/verify)`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreError("conflict", `could not lock the data directory ${dataDir}`);
}
