import type { Command } from "commander";
import { registerAgree } from "./agree.js";
import { registerAudit } from "./audit.js";
import { registerBackup } from "./backup.js";
import { registerEvaluate } from "./evaluate.js";
import { registerEvents } from "./events.js";
import { registerForecast } from "./forecast.js";
import { registerImportDeu } from "./import-deu.js";
import { registerImportKtab } from "./import-ktab.js";
import { registerMonitor } from "./monitor.js";
import { registerPower } from "./power.js";
import { registerServe } from "./serve.js";
import { registerExport, registerImportXlsx } from "./spreadsheet.js";
import { registerSweep } from "./sweep.js";
import { registerWorker } from "./worker.js";

/** Every subcommand registers itself here; main.ts only wires the program. */
export const commandRegistrars: Array<(program: Command) => void> = [
  registerAgree,
  registerPower,
  registerForecast,
  registerSweep,
  registerImportKtab,
  registerImportXlsx,
  registerExport,
  registerImportDeu,
  registerEvaluate,
  registerMonitor,
  registerEvents,
  registerServe,
  registerWorker,
  registerAudit,
  registerBackup,
];
