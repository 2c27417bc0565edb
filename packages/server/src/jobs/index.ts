export * from "./pool.js";
export * from "./pool-tasks.js";
