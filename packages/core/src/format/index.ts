export * from "./audit-words.js";
export * from "./group-digits.js";
export * from "./percent-change.js";
export * from "./scenario-diff-words.js";
