export * from "./report.js";
