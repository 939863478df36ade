import type { KeyOrderContext } from "../model/key-order.js";

/**
 * Which key order applies where in a workflow. `children` name fixed keys, `each` applies to every
 * value of an author-keyed mapping, `items` to every element of a sequence.
 */
export interface Shape {
  order?: KeyOrderContext;
  children?: Record<string, Shape>;
  each?: Shape;
  items?: Shape;
}

const input: Shape = { order: "input" };
const container: Shape = { order: "container" };
const concurrency: Shape = { order: "concurrency" };
const defaults: Shape = { order: "defaults", children: { run: { order: "defaultsRun" } } };
const trigger: Shape = { order: "trigger" };

const step: Shape = { order: "step" };

const job: Shape = {
  order: "job",
  children: {
    steps: { items: step },
    strategy: { order: "strategy" },
    container,
    services: { each: container },
    environment: { order: "environment" },
    concurrency,
    defaults,
  },
};

const on: Shape = {
  each: trigger,
  children: {
    workflow_call: {
      order: "workflowCall",
      children: { inputs: { each: input }, outputs: { each: { order: "output" } }, secrets: { each: input } },
    },
    workflow_dispatch: { children: { inputs: { each: input } } },
    schedule: { items: { order: "schedule" } },
  },
};

/** The shape of a whole workflow document. */
export const WORKFLOW_SHAPE: Shape = {
  order: "workflow",
  children: { on, concurrency, defaults, jobs: { each: job } },
};

/** The shape of the value under `key` (a mapping key or sequence index) of a value of `shape`. */
export function childShape(shape: Shape | undefined, key: string | number): Shape | undefined {
  if (!shape) return undefined;
  if (typeof key === "number") return shape.items;
  return shape.children?.[key] ?? shape.each;
}

/** The shape of an action's metadata (`action.yml`): a composite's steps are ordered like a workflow's. */
export const ACTION_SHAPE: Shape = {
  order: "action",
  children: {
    inputs: { each: { order: "actionInput" } },
    outputs: { each: { order: "output" } },
    runs: { order: "actionRuns", children: { steps: { items: step } } },
  },
};
