import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempPostgres {
  databaseUrl: string;
  stop(): void;
  /** SIGKILLs the postmaster (as a crash would), leaving the data directory as it is. */
  kill(): void;
  /** Starts the cluster again on the same port after {@link kill}; retries while old backends exit. */
  restart(): Promise<void>;
}

/** The directory holding initdb/pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<n>/bin. */
function pgBin(): string | undefined {
  if (spawnSync("initdb", ["--version"]).status === 0) return "";
  for (const v of ["18", "17", "16", "15", "14"]) {
    const dir = `/usr/lib/postgresql/${v}/bin/`;
    if (spawnSync(`${dir}initdb`, ["--version"]).status === 0) return dir;
  }
  return undefined;
}

/**
 * Starts a throw-away PostgreSQL cluster on a loopback port (the same steps as
 * scripts/with-postgres.sh, for benchmarks run from TypeScript). Returns undefined when PostgreSQL
 * is not installed. As root, the cluster runs as the "postgres" user, since PostgreSQL refuses root.
 */
export function startTempPostgres(
  port = 20_000 + Math.floor(Math.random() * 20_000),
): TempPostgres | undefined {
  const bin = pgBin();
  if (bin === undefined) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "entente-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot
      ? ["runuser", ["-u", "postgres", "--", `${bin}${cmd}`, ...args]]
      : [`${bin}${cmd}`, args];
    const r = spawnSync(full[0] as string, full[1] as string[], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot)
    chownSync(dir, Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim()), 0);
  run("initdb", ["-D", `${dir}/data`, "-U", "entente", "--auth=trust", "-E", "UTF8"]);
  const start = () =>
    run("pg_ctl", [
      "-D",
      `${dir}/data`,
      "-w",
      "-l",
      `${dir}/log`,
      "-o",
      `-h 127.0.0.1 -p ${port} -k ${dir}`,
      "start",
    ]);
  start();
  run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "entente", "entente"]);
  return {
    databaseUrl: `postgres://entente@127.0.0.1:${port}/entente`,
    kill() {
      const pid = Number(readFileSync(`${dir}/data/postmaster.pid`, "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
    },
    async restart() {
      for (let attempt = 0; ; attempt++) {
        try {
          start();
          return;
        } catch (e) {
          // Backends of the killed postmaster may still hold its shared memory for a moment.
          if (attempt >= 20) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
    stop() {
      try {
        run("pg_ctl", ["-D", `${dir}/data`, "-m", "fast", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
