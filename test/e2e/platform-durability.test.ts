import { once } from "node:events";
import type { Scenario } from "@entente/core";
import { createTestLocation, testDbKind } from "@entente/store";
import { describe, expect, it } from "vitest";
import { client, spawnServer } from "./platform-server.js";

/**
 * SIGKILL during load: eight clients submit proposals as fast as they can; the server is killed
 * with SIGKILL mid-stream; after a restart on the same store, every proposal that was answered
 * with a 2xx must be there.
 */
describe(`durability under SIGKILL (${testDbKind()})`, () => {
  it("keeps every acknowledged proposal", async () => {
    const loc = await createTestLocation();
    const first = await spawnServer(loc);
    expect(first.adminPassword, first.output()).toBeDefined();
    const admin = client(first.url);
    await admin.adopt("admin", first.adminPassword!, "administrator-password-1");
    const med = await admin.call("POST", "/api/users", { name: "med", password: "mediator-password-1" });
    const scen = (await admin.call("GET", "/api/scenarios")).json as { scenarios: { id: number }[] };
    const sid = scen.scenarios[0]!.id;
    const n = await admin.call("POST", "/api/negotiations", {
      title: "Load",
      venue: "Geneva",
      scenarioId: sid,
      scenarioVersion: 1,
    });
    const nid = (n.json as { id: number }).id;
    await admin.call("POST", `/api/negotiations/${nid}/members`, {
      userId: (med.json as { user: { id: number } }).user.id,
      role: "mediator",
    });
    const m = client(first.url);
    await m.login("med", "mediator-password-1");
    await m.call("POST", `/api/negotiations/${nid}/rounds`, { label: "load" });
    const v = (await m.call("GET", `/api/scenarios/${sid}/versions/1`)).json as { parsed: Scenario };
    const pkg = Object.fromEntries(
      v.parsed.issues.map((i) => [i.id, i.kind === "numeric" ? i.min : i.options[0]!.id]),
    );

    const acked: number[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const r = await m.call("POST", `/api/negotiations/${nid}/proposals`, {
            package: pkg,
            note: "load",
          });
          if (r.status === 201) acked.push((r.json as { id: number }).id);
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Kill after a count of acknowledged writes, not after a fixed time: on a loaded machine 1.5 s
    // saw fewer than ten answers. Eight requests are still in flight when the signal lands.
    const deadline = Date.now() + 40_000;
    while (acked.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, "exit");
    expect(acked.length).toBeGreaterThan(10);

    const second = await spawnServer(loc);
    try {
      const m2 = client(second.url);
      await m2.login("med", "mediator-password-1");
      const stored = (await m2.call("GET", `/api/negotiations/${nid}/proposals`)).json as {
        proposals: { id: number }[];
      };
      const ids = new Set(stored.proposals.map((p) => p.id));
      expect(acked.filter((id) => !ids.has(id))).toEqual([]);
      const a2 = client(second.url);
      await a2.login("admin", "administrator-password-1");
      expect((await a2.call("GET", "/api/audit/verify")).json).toMatchObject({ ok: true });
    } finally {
      second.child.kill("SIGTERM");
    }
  }, 150_000);
});
