// Run by durability.test.ts under strace: opens an embedded store in the directory given, commits
// 20 transactions and prints "ack N" after each COMMIT has returned. With "off" as the second
// argument it opens the store as 948b4d5 did (fsync off), for comparison.
import { openPglite } from "../pglite-client.js";

const dir = process.argv[2]!;
const db = await openPglite(dir, undefined, { durable: process.argv[3] !== "off" });
await db.exec("CREATE TABLE IF NOT EXISTS t (id serial PRIMARY KEY, v text)");
process.stdout.write("ready\n");
for (let i = 0; i < 20; i++) {
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO t (v) VALUES ($1)", [`row ${i}`]);
  });
  process.stdout.write(`ack ${i}\n`);
}
await db.close();
