import { openPostgres, testDbKind } from "@entente/store";
import { describe, expect, it } from "vitest";
import { PgBossDelivery } from "./delivery.js";

describe.runIf(testDbKind() === "postgres")("pg-boss delivery", () => {
  // Found by CI: two workers starting on a fresh database deadlocked in pg-boss's schema set-up and
  // one of them gave up ("deadlock detected") or hung. Six at once make that likely.
  it("starts six processes' deliveries at once on a fresh database, every one of them", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const admin = await openPostgres(url.toString());
    const name = `boss_race_${process.pid}`;
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString());
    const deliveries = Array.from(
      { length: 6 },
      () => new PgBossDelivery({ connectionString: url.toString(), db }),
    );
    const sent = await Promise.allSettled(deliveries.map((d, i) => d.send([`job-${i}`])));
    await Promise.all(deliveries.map((d) => d.stop()));
    await db.close();
    await admin.close();
    expect(sent.filter((s) => s.status === "rejected")).toEqual([]);
  }, 60_000);
});
