#!/usr/bin/env node
// The `entente` command. This file is committed (not built) so that npm can link it into
// node_modules/.bin during `npm ci`, which links bins before the `prepare` step builds dist/.
import module from "node:module";

// Node.js 22.1+ keeps the compiled bundle in its on-disk cache (the OS temp folder), so a second
// run skips compiling it again; earlier versions have no such cache and skip this.
module.enableCompileCache?.();

try {
  await import("../dist/entente.js");
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/entente.js")) {
    process.stderr.write("entente: the CLI is not built yet; run `npm run build` (npm ci does it)\n");
    process.exitCode = 1;
  } else throw e;
}
