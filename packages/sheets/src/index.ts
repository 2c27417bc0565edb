export * from "./sheets.js";
export * from "./xlsx.js";
