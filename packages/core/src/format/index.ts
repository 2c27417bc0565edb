export * from "./group-digits.js";
