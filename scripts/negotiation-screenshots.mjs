#!/usr/bin/env node
// Writes a screenshot of each role's main screen of the negotiation table to docs/img/
// (negotiation-mediator.png, negotiation-delegation.png, negotiation-observer.png) by running the
// whole-negotiation browser test (test/e2e/web-negotiation.test.ts) with ENTENTE_SHOTS_DOCS=1.
// Needs Debian's /usr/bin/chromium. Usage: node scripts/negotiation-screenshots.mjs
import { spawnSync } from "node:child_process";

// The monitoring dashboard's pictures (monitoring-dashboard.png, monitoring-guarantor.png) come from
// test/e2e/monitor-ui.test.ts the same way.
const r = spawnSync(
  "npx",
  ["vitest", "run", "test/e2e/web-negotiation.test.ts", "test/e2e/monitor-ui.test.ts"],
  {
    stdio: "inherit",
    env: { ...process.env, ENTENTE_NEGOTIATION_E2E: "1", ENTENTE_UI_TESTS: "1", ENTENTE_SHOTS_DOCS: "1" },
  },
);
process.exit(r.status ?? 1);
