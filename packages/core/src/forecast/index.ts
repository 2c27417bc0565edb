export * from "./baseline.js";
export * from "./ktab-csv.js";
export * from "./smp.js";
export * from "./smp-reference.js";
export * from "./smp-types.js";
