// A bound action's outputs are the ones its metadata declares: an unknown one is a type error on its line.
import { jobSteps } from "../../../src/dsl/job-steps.js";
import { job, step } from "../../../src/dsl/workflow.js";
import { expr } from "../../../src/expressions/index.js";
import { actionsCache } from "./bindings/actions-cache.js";
import { actionsCheckout } from "./bindings/actions-checkout.js";

const built = jobSteps()
  .add(actionsCheckout({ id: "checkout" }))
  .add(actionsCache({ id: "cache", with: { path: "node_modules", key: "deps" } }))
  .add(({ steps }) => step({ if: expr`${steps.cache.outputs["cache-hit"]} != 'true'`, run: "npm ci" }))
  .add(({ steps }) => step({ run: expr`echo ${steps.checkout.outputs.commit} ${steps.checkout.outputs.ref}` }))
  .add(({ steps }) => step({ run: expr`echo ${steps.cache.outputs.hit}` })) // error: TS2339 "Property 'hit' does not exist"
  .add(({ steps }) => step({ run: expr`echo ${steps.checkout.outputs.sha}` })); // error: TS2339 "Property 'sha' does not exist"

export const build = job({
  "runs-on": "ubuntu-latest",
  outputs: { commit: built.steps.checkout.outputs.commit, hit: built.steps.cache.outputs["cache-hit"] },
  steps: built,
});
