export * from "./agreement/index.js";
export * from "./analysis/index.js";
export * from "./compliance/index.js";
export * from "./forecast/index.js";
export * from "./format/index.js";
export * from "./model/index.js";
export * from "./power/index.js";
export * from "./utility/index.js";
