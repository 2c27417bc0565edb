export * from "./group-digits.js";
export * from "./percent-change.js";
