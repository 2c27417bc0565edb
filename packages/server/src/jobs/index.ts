export * from "./delivery.js";
export * from "./kinds.js";
export * from "./pool.js";
export * from "./pool-tasks.js";
export * from "./queue.js";
export * from "./setup.js";
export * from "./start-worker.js";
