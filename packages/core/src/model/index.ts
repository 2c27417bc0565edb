export * from "./actor.js";
export * from "./common.js";
export * from "./issue.js";
export * from "./parse.js";
export * from "./position.js";
export * from "./references.js";
export * from "./scenario.js";
export * from "./scenario-error.js";
