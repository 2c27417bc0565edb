#!/usr/bin/env node
// Writes a screenshot of each role's main screen of the negotiation table to docs/img/
// (negotiation-mediator.png, negotiation-delegation.png, negotiation-observer.png) by running the
// whole-negotiation browser test (test/e2e/web-negotiation.test.ts) with ENTENTE_SHOTS_DOCS=1.
// Needs Debian's /usr/bin/chromium. Usage: node scripts/negotiation-screenshots.mjs
import { spawnSync } from "node:child_process";

const r = spawnSync("npx", ["vitest", "run", "test/e2e/web-negotiation.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, ENTENTE_NEGOTIATION_E2E: "1", ENTENTE_SHOTS_DOCS: "1" },
});
process.exit(r.status ?? 1);
