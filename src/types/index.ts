// trunkline's workflow types, generated from GitHub's own workflow definition (scripts/build-types.ts).
export type * from "./workflow.generated.js";
export type { Expression } from "./expression.js";
