import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp, hashPassword } from "@entente/server";
import { openTestStore } from "@entente/store";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

// One analysis service (core's runAnalysis) behind the terminal and the API: the same file and
// options give the same JSON, byte for byte once both are printed the same way.
describe("entente analyze --format json and POST /api/analyses", () => {
  it("give identical JSON for the same file and options", async () => {
    const store = await openTestStore();
    const cost = { memoryKiB: 64, iterations: 1 };
    const { app } = createApp({ store, passwordCost: cost });
    await store.createUser(
      { userId: null, userName: "system" },
      "admin",
      await hashPassword("pw-admin-0123456789", cost),
      true,
    );
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const token = (
      await call("POST", "/api/login", undefined, { name: "admin", password: "pw-admin-0123456789" })
    ).json.token as string;
    // Istanbul 2022 has guarantee mechanisms; Minsk II an agreement with commitments (compliance).
    for (const [file, args, options] of [
      [
        "scenarios/istanbul-2022.yaml",
        ["--seed", "3", "--budget", "5000000"],
        { seed: 3, budgets: { agreementNodes: 5_000_000 } },
      ],
      ["scenarios/minsk-ii.yaml", [], undefined],
    ] as const) {
      const cli = runCli(["analyze", join(repoRoot, file), "--format", "json", ...args]);
      expect(cli.exitCode, cli.stderr).toBe(0);
      const up = await call("POST", "/api/scenarios", token, {
        text: readFileSync(join(repoRoot, file), "utf8"),
        format: "yaml",
      });
      const started = await call("POST", "/api/analyses", token, {
        scenarioId: up.json.scenarioId,
        version: 1,
        engine: "analyze",
        ...(options ? { options } : {}),
      });
      expect(started.status).toBe(202);
      let job = started.json;
      for (let i = 0; i < 600 && job.status !== "done" && job.status !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = (await call("GET", `/api/analyses/${String(started.json.id)}`, token)).json;
      }
      expect(job.status).toBe("done");
      expect(`${JSON.stringify(job.result, null, 2)}\n`).toBe(cli.stdout);
    }
    await store.db.close();
  });
});
