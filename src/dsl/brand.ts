// Brands are registered symbols so objects built by one copy of trunkline (the user's import) are
// recognised by another (the CLI bundle): `instanceof` would fail across copies.
/** Marks a value built by {@link workflow}. */
export const WORKFLOW = Symbol.for("trunkline.workflow");
/** Marks a value built by {@link job}. */
export const JOB = Symbol.for("trunkline.job");
/** Marks a value built by {@link step}. */
export const STEP = Symbol.for("trunkline.step");
/** Marks an action binding built by `defineAction` (a function): a source may export it beside its workflows. */
export const ACTION = Symbol.for("trunkline.action");
/** Marks a reusable workflow of another repository, described by `remoteWorkflow`. */
export const REMOTE_WORKFLOW = Symbol.for("trunkline.remote-workflow");
/** Marks an action authored in TypeScript (`compositeAction`…): generated to `.github/actions/<name>/action.yml`. */
export const LOCAL_ACTION = Symbol.for("trunkline.local-action");
/** Marks a value built by {@link document}. */
export const DOCUMENT = Symbol.for("trunkline.document");

/** Whether `value` carries the given brand. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && brand in value;
}
