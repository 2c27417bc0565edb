export * from "./events.js";
export * from "./events-csv.js";
export * from "./events-json.js";
export * from "./events-validate.js";
export * from "./time.js";
