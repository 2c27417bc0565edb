export * from "./issue-axis.js";
export * from "./issue-utility.js";
export * from "./package-utility.js";
