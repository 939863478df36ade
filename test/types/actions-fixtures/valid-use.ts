// Bound actions used as they are meant to be: no error.
import { job, step, workflow } from "../../../src/dsl/workflow.js";
import { actionsCache } from "./bindings/actions-cache.js";
import { actionsCheckout } from "./bindings/actions-checkout.js";

const cacheHit: "cache-hit" = actionsCache.outputs[0]!;

export const build = job({
  "runs-on": "ubuntu-latest",
  steps: [
    actionsCheckout(),
    actionsCheckout({ name: "Check out the history", with: { "fetch-depth": 0, "persist-credentials": false, ref: "${{ github.head_ref }}" } }),
    actionsCache({ id: "cache", with: { path: "node_modules", key: "deps-${{ hashFiles('package-lock.json') }}" } }),
    step({ if: `steps.cache.outputs.${cacheHit} != 'true'`, run: "npm ci" }),
  ],
});

export default workflow("ci", { on: "push", jobs: { build } });
