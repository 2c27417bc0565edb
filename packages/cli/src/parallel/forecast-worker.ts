// Worker-thread entry for the forecast Monte Carlo (bundled to dist/forecast-worker.js). It receives
// the forecast input once, then runs whatever draw ranges the pool hands it, posting each small
// block as soon as it is done so the progress bar moves and a cancel loses little work.
import { parentPort, workerData } from "node:worker_threads";
import { type ForecastInput, type ForecastModelName, type ModelOptions, runDrawBlock } from "@entente/core";

interface Setup {
  input: ForecastInput;
  model: ForecastModelName;
  seed: number;
  modelOptions: ModelOptions;
}

const { input, model, seed, modelOptions } = workerData as Setup;
const SUB_BLOCK = 25;

parentPort!.on("message", (msg: { from: number; to: number }) => {
  for (let from = msg.from; from < msg.to; from += SUB_BLOCK) {
    const block = runDrawBlock(
      input,
      model,
      seed,
      from,
      Math.min(msg.to, from + SUB_BLOCK),
      undefined,
      modelOptions,
    );
    // Copied, not transferred: a block is a few kilobytes, and transferring detaches its buffers,
    // after which V8 makes every typed-array access in this isolate check for detachment (its
    // "array buffer detaching" protector is gone): the models ran about 10% slower.
    parentPort!.postMessage({ type: "block", block });
  }
  parentPort!.postMessage({ type: "idle" });
});
