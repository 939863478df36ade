import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import type { WorkflowSpec } from "../dsl/types.js";
import { type CronExpression, checkCron } from "./cron.js";

// Typed builders for a workflow's `on:`. Each returns one event's fragment; `triggers()` merges them.
// https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#on

/** The `on:` mapping of a workflow. */
export type Triggers = Exclude<WorkflowSpec["on"], string | readonly unknown[]>;

/** One or more glob patterns (`main`, `release/**`, `apps/**`); never empty, because GitHub rejects `[]`. */
export type Patterns = readonly [string, ...string[]];

// GitHub refuses a filter and its `-ignore` twin on the same event; the types refuse it first.
type OneOf<Key extends string, IgnoreKey extends string> =
  | ({ [K in Key]?: Patterns } & { [K in IgnoreKey]?: never })
  | ({ [K in Key]?: never } & { [K in IgnoreKey]?: Patterns });

/**
 * Branch filters: `branches` (only these) or `branches-ignore` (all but these), never both.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushpull_requestpull_request_targetpathspaths-ignore
 */
export type BranchFilter = OneOf<"branches", "branches-ignore">;
/** Tag filters: `tags` or `tags-ignore`, never both. */
export type TagFilter = OneOf<"tags", "tags-ignore">;
/**
 * Path filters: `paths` or `paths-ignore`, never both. A workflow filtered by paths creates no run at
 * all for other changes — right for CD, wrong for a required check (it would sit "pending").
 */
export type PathFilter = OneOf<"paths", "paths-ignore">;

/** Activity types of `pull_request` that start a run. */
export type PullRequestActivity =
  | "assigned" | "unassigned" | "labeled" | "unlabeled" | "opened" | "edited" | "closed" | "reopened" | "synchronize"
  | "converted_to_draft" | "ready_for_review" | "locked" | "unlocked" | "review_requested" | "review_request_removed"
  | "auto_merge_enabled" | "auto_merge_disabled" | "enqueued" | "dequeued" | "milestoned" | "demilestoned";

/**
 * Options of {@link onPullRequest}.
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request
 */
export type PullRequestOptions = BranchFilter & PathFilter & {
  /**
   * Which activities start a run.
   * @default ["opened", "synchronize", "reopened"] (GitHub's default when omitted)
   */
  types?: readonly [PullRequestActivity, ...PullRequestActivity[]];
};

/**
 * Options of {@link onPush}. Give `tags` without `branches` for a tag-only workflow.
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#push
 */
export type PushOptions = BranchFilter & TagFilter & PathFilter;

/** Runs on pull requests; `branches` names the base branches (the ones merged into). */
export function onPullRequest(options: PullRequestOptions = {}): Pick<Triggers, "pull_request"> {
  return { pull_request: copyFilters(options) };
}

/** Runs on pushes; `branches` and `tags` name the refs pushed to. */
export function onPush(options: PushOptions = {}): Pick<Triggers, "push"> {
  return { push: copyFilters(options) };
}

/**
 * Runs when a pull request enters the merge queue. Required checks must also run here, or queued
 * pull requests wait for a check that never comes.
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#merge_group
 */
export function onMergeGroup(): Pick<Triggers, "merge_group"> {
  return { merge_group: { types: ["checks_requested"] } };
}

/**
 * Runs on a schedule. Each cron is checked when the source is loaded: five fields, values in range.
 * Times are UTC; GitHub may delay scheduled runs at busy times.
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 * @example onSchedule("30 5 * * 1-5") // 05:30 UTC on weekdays
 */
export function onSchedule(...crons: readonly [CronExpression, ...CronExpression[]]): Pick<Triggers, "schedule"> {
  for (const cron of crons) {
    const problem = checkCron(cron);
    if (problem) throw new Error(`onSchedule("${cron}"): ${problem}`);
  }
  const [first, ...rest] = crons.map((cron) => ({ cron: cron.trim() }));
  return { schedule: [first!, ...rest] };
}

// ---- inputs ----

interface InputBase {
  /** Shown in the "Run workflow" form and in the caller's editor. */
  description?: string;
  /**
   * Whether the input must be given.
   * @default false
   */
  required?: boolean;
}

/** A text input. */
export interface StringInput extends InputBase { type: "string"; default?: string }
/** A true/false input (a checkbox in the "Run workflow" form). */
export interface BooleanInput extends InputBase { type: "boolean"; default?: boolean }
/** A numeric input. */
export interface NumberInput extends InputBase { type: "number"; default?: number }
/** One of fixed options (a drop-down in the "Run workflow" form); the default must be one of them. */
export interface ChoiceInput<Option extends string = string> extends InputBase {
  type: "choice";
  options: readonly [Option, ...Option[]];
  default?: Option;
}
/** The name of one of the repository's environments. */
export interface EnvironmentInput extends InputBase { type: "environment"; default?: string }

/**
 * An input of `workflow_dispatch`.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_dispatchinputs
 */
export type DispatchInput = StringInput | BooleanInput | NumberInput | ChoiceInput | EnvironmentInput;
/**
 * An input of `workflow_call` (only `string`, `boolean` and `number` exist there).
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_callinputs
 */
export type CallInput = StringInput | BooleanInput | NumberInput;

type InputOptions<Value> = InputBase & { default?: Value };

/** Builders for typed inputs: the `default` has the input's type, a choice's default is one of its options. */
export const input = {
  /** A text input. */
  string: (options: InputOptions<string> = {}): StringInput => ({ ...options, type: "string" }),
  /** A true/false input. */
  boolean: (options: InputOptions<boolean> = {}): BooleanInput => ({ ...options, type: "boolean" }),
  /** A numeric input. */
  number: (options: InputOptions<number> = {}): NumberInput => ({ ...options, type: "number" }),
  /** A drop-down of fixed options. */
  choice: <const Option extends string>(options: InputBase & { options: readonly [Option, ...Option[]]; default?: NoInfer<Option> }): ChoiceInput<Option> => ({ ...options, type: "choice" }),
  /** An environment of the repository. */
  environment: (options: InputOptions<string> = {}): EnvironmentInput => ({ ...options, type: "environment" }),
};

/** Runs from the Actions tab, the API or `gh workflow run`, with typed inputs. */
export function onWorkflowDispatch(inputs?: Readonly<Record<string, DispatchInput>>): Pick<Triggers, "workflow_dispatch"> {
  return { workflow_dispatch: inputs && Object.keys(inputs).length ? { inputs: mapValues(inputs, copyInput) } : {} };
}

/** A secret a reusable workflow receives from its caller. */
export interface CallSecret {
  description?: string;
  /** @default false */
  required?: boolean;
}

/** An output of a reusable workflow: `value` is usually `${{ jobs.<id>.outputs.<name> }}`. */
export interface CallOutput {
  description?: string;
  value: string;
}

/**
 * Options of {@link onWorkflowCall}.
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows
 */
export interface WorkflowCallOptions {
  inputs?: Readonly<Record<string, CallInput>>;
  secrets?: Readonly<Record<string, CallSecret>>;
  outputs?: Readonly<Record<string, CallOutput>>;
}

/** Makes the workflow reusable: other workflows call it with `jobs.<id>.uses`. */
export function onWorkflowCall(options: WorkflowCallOptions = {}): Pick<Triggers, "workflow_call"> {
  const call: NonNullable<Triggers["workflow_call"]> = {};
  if (options.inputs && Object.keys(options.inputs).length) call.inputs = mapValues(options.inputs, copyInput);
  if (options.outputs && Object.keys(options.outputs).length) call.outputs = mapValues(options.outputs, (output) => ({ ...output }));
  if (options.secrets && Object.keys(options.secrets).length) call.secrets = mapValues(options.secrets, (secret) => ({ ...secret }));
  return { workflow_call: call };
}

/**
 * Merges trigger fragments into one `on:` mapping. An event given twice is a mistake (the second
 * would silently replace the first), so it throws naming the event.
 * @example on: triggers(onPullRequest({ branches: ["main"] }), onMergeGroup())
 */
export function triggers(...fragments: readonly Triggers[]): Triggers {
  const merged: Record<string, unknown> = {};
  for (const fragment of fragments) {
    for (const [event, value] of Object.entries(fragment)) {
      if (value === undefined) continue;
      if (event in merged) throw new Error(`triggers(): "${event}" is given twice; put all its filters in one fragment`);
      merged[event] = value;
    }
  }
  return merged as Triggers;
}

// Fresh mutable arrays: GitHub's types want non-empty tuples, and authors may reuse their constants.
function copyFilters<Options extends object>(options: Options): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length === 0) throw new Error(`trigger filter "${key}" must be a non-empty list of patterns`);
    result[key] = [...(value as string[])];
  }
  return result;
}

// The shape GitHub's types give an input once written: fresh arrays, nothing readonly.
type WrittenInput = GW.WorkflowDispatchInput & { type: "string" | "boolean" | "number" };

function copyInput(input: DispatchInput): WrittenInput {
  if (input.type === "choice") {
    if (input.default !== undefined && !input.options.includes(input.default)) {
      throw new Error(`choice input default "${input.default}" is not one of its options (${input.options.join(", ")})`);
    }
    return { ...input, options: [...input.options] } as unknown as WrittenInput;
  }
  return { ...input } as WrittenInput;
}

function mapValues<Value, Result>(record: Readonly<Record<string, Value>>, map: (value: Value) => Result): Record<string, Result> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
