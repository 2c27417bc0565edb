export * from "./disclosure-grid.js";
export * from "./input-error.js";
export * from "./package-check.js";
export * from "./package-milestones.js";
export * from "./private-positions.js";
export * from "./zone.js";
export * from "./zone-disclosure.js";
