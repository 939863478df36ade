// An action authored in TypeScript is its own binding: `with` and outputs come from the same object.
import { compositeAction } from "../../../src/actions/authored-action.js";
import { jobSteps } from "../../../src/dsl/job-steps.js";
import { step } from "../../../src/dsl/workflow.js";
import { actionInputsOf, expr } from "../../../src/expressions/index.js";

export const setup = compositeAction("setup-toolchain", {
  name: "Set up the toolchain",
  description: "Node and pnpm",
  inputs: {
    "node-version": { description: "Node.js version", required: true },
    registry: { description: "npm registry", required: true, default: "https://registry.npmjs.org" },
    install: { description: "Run pnpm install" },
  },
  outputs: { "store-path": { description: "The pnpm store", value: "${{ steps.store.outputs.path }}" } },
  runs: { using: "composite", steps: [step({ id: "store", run: "pnpm store path", shell: "bash" })] },
});

export const valid = jobSteps()
  .add(setup({ id: "setup", with: { "node-version": 22, install: false } }))
  .add(({ steps }) => step({ run: expr`ls ${steps.setup.outputs["store-path"]}` }));

export const unknownInput = setup({ with: { "node-version": 22, "node-verison": 22 } }); // error: TS2353 "'"node-verison"' does not exist"
export const missingInput = setup({ with: { install: true } }); // error: TS2741 "'"node-version"' is missing"
export const noWith = setup(); // error: TS2554

export const unknownOutput = jobSteps()
  .add(setup({ id: "setup", with: { "node-version": 22 } }))
  .add(({ steps }) => step({ run: expr`ls ${steps.setup.outputs.store}` })); // error: TS2339 "Property 'store' does not exist"

// Inside the action, `inputs` has the names the action declares.
const toolchainInputs = actionInputsOf({ "node-version": { description: "Node.js version" } });
export const readInput = step({ run: expr`node --version | grep ${toolchainInputs["node-version"]}`, shell: "bash" });
export const misspeltInput = step({ run: expr`echo ${toolchainInputs["node-verison"]}`, shell: "bash" }); // error: TS2551 "Did you mean 'node-version'"
