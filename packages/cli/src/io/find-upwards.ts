import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The first `relative` path that exists in the folder of `from` or one of its parents. The bundler
 * may place a module in dist/ or in dist/chunks/, and sources run from src/, so files beside the
 * bundle (worker threads) and in the repository (the default scenario) are found by looking up.
 */
export function findUpwards(from: string, relative: string, levels = 6): string | undefined {
  let dir = dirname(from.startsWith("file:") ? fileURLToPath(from) : from);
  for (let i = 0; i <= levels; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
