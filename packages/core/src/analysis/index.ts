export * from "./content-hash.js";
export * from "./options-schema.js";
export * from "./report.js";
export * from "./service.js";
