import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { job, step, workflow } from "../../src/dsl/workflow.js";
import type { WorkflowSpec } from "../../src/dsl/types.js";
import { emitYaml, emitYamlBody } from "../../src/emit/emit-yaml.js";
import type { Json, JsonObject } from "../../src/model/json.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";

// Properties from STYLE.md §8: parse(emit(m)) = m, emit ignores structural key order, normalize
// is idempotent. Each runs 1,000 random workflows full of scalars YAML likes to misread.

const RUNS = { numRuns: 1000 };
const FILE = "workflows-src/prop.ts";

// Scalars that YAML 1.1 or 1.2 reads as something else, or cannot write plain at all.
const NASTY = [
  "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "null", "Null", "~", "", "3.10", "0123",
  "0o17", "0x1F", "1e3", "1_000", "12:30", "2026-11-21", ".inf", "-.Inf", ".NaN", "<<", "=", "*", "*.md", "&x",
  "!t", "!!str", "- a", "-", "? q", "?", ":", "a:", "key: value", "# c", "a #b", "[a]", "{a}", "|", ">", "%p",
  "@a", "`t", "'", "''", '"', '"q"', " lead", "trail ", "\ttab", "a\tb", "\r\n", "a\r\nb", "a\n", "a\n\n",
  "\n", "\na", "x\n ", " \n", "l1\nl2", "é", "日本語", "😀", "\u0085", "\u2028", "\ufeff", "\u0000", "\u007f",
  "---", "...", "${{ github.sha }}", "${{ matrix.os == 'linux' && 'yes' || 'no' }}", "x".repeat(300),
];
// Pieces that are harmless alone and trouble next to each other.
const FRAGMENTS = [" ", "  ", "\t", "\n", "\r\n", "#", ": ", ":", "'", '"', "-", "a", "$", "${{ ", " }}", "\\", "é", "💥"];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...NASTY, ...FRAGMENTS), { maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const SCRIPT_LINES = [
  "set -euo pipefail", "npm ci", "npm test -- --reporter=dot", 'echo "${{ github.sha }}"', "echo 'single: quoted'",
  "  indented line", "trailing space ", "# a comment", "key: value", "if [ -n \"$X\" ]; then", "fi", "\tcat <<'EOF'",
  "EOF", "", "- not a list", "*", "yes", "${{ secrets.TOKEN }}", `echo ${"long ".repeat(80)}`, "echo é 😀",
];
const script: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "", " ", "  ", "\n"),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SCRIPT_LINES) }, { weight: 1, arbitrary: nastyString }), { minLength: 1, maxLength: 5 }),
    fc.constantFrom("", "\n", "\n\n", " ", "\r\n"),
  )
  .map(([lead, lines, end]) => lead + lines.join("\n") + end);

// Identifier-shaped names (GitHub's rule for job ids, env names and input ids), with the ones
// YAML 1.1 reads as booleans or null mixed in.
const identifier: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(..."_aZe"), fc.string({ unit: fc.constantFrom(..."_-aZe09"), maxLength: 6 })).map(([first, rest]) => first + rest) },
  { weight: 1, arbitrary: fc.constantFrom("on", "off", "yes", "no", "y", "N", "true", "False", "null", "Null", "build", "test") },
);
const scalar: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(3.5, 0.25, 1.1, 20.04) },
  { weight: 1, arbitrary: fc.boolean() },
);
const mapOf = <T extends Json>(value: fc.Arbitrary<T>, maxKeys = 3): fc.Arbitrary<JsonObject> =>
  fc.uniqueArray(fc.tuple(identifier, value), { maxLength: maxKeys, selector: ([key]) => key }).map((entries) => Object.fromEntries(entries));
// Some of an object's optional fields, at most `max`: every field turns up across the runs, while
// each workflow stays small enough for 1,000 runs of emit and parse to take seconds.
const someOf = (required: Record<string, fc.Arbitrary<Json>>, optional: Record<string, fc.Arbitrary<Json>>, max: number): fc.Arbitrary<JsonObject> =>
  fc.subarray(Object.keys(optional), { maxLength: max }).chain((keys) => fc.record({ ...required, ...Object.fromEntries(keys.map((key) => [key, optional[key]!])) }));
const nonEmpty = <T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> => arbitrary.filter((value) => Object.keys(value).length > 0);

const glob = fc.oneof(fc.constantFrom("main", "release/**", "*", "**", "!main", "v[0-9]+", "feature/*", "*.md", "!docs/**", "on", "3.10", "- a", "#x"), nastyString);
const globs = fc.array(glob, { minLength: 1, maxLength: 3 });
const pushTrigger = fc.option(fc.record({ branches: globs, tags: globs, paths: globs, "paths-ignore": globs }, { requiredKeys: [] }), { nil: null });
const pullRequestTrigger = fc.option(
  fc.record({ types: fc.subarray(["opened", "synchronize", "reopened"], { minLength: 1 }), branches: globs, "branches-ignore": globs, paths: globs }, { requiredKeys: [] }),
  { nil: null },
);
const input: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ description: nastyString, required: fc.boolean(), type: fc.constant("string"), default: nastyString }, { requiredKeys: ["type"] }),
  fc.record({ description: nastyString, type: fc.constant("boolean"), default: fc.boolean() }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("number"), default: fc.integer() }, { requiredKeys: ["type"] }),
  fc
    .uniqueArray(nastyString, { minLength: 1, maxLength: 4 })
    .chain((options) => fc.record({ description: nastyString, type: fc.constant("choice"), options: fc.constant(options), default: fc.constantFrom(...options) }, { requiredKeys: ["type", "options"] })),
);
const cron = fc.constantFrom("0 0 * * *", "*/15 * * * 1-5", "30 5 * * 1,3", "0 0 1 * *", "* * * * *");
const EVENTS = ["push", "pull_request", "workflow_dispatch", "release", "merge_group"];
const on: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...EVENTS),
  fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 3 }),
  nonEmpty(
    fc.record(
      {
        push: pushTrigger,
        pull_request: pullRequestTrigger,
        workflow_dispatch: fc.option(fc.record({ inputs: mapOf(input, 3) }), { nil: null }),
        schedule: fc.array(fc.record({ cron }), { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  ),
);

const permissions: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom("read-all", "write-all"),
  fc.dictionary(fc.constantFrom("contents", "id-token", "pull-requests", "actions", "checks"), fc.constantFrom("read", "write", "none"), { maxKeys: 3 }),
);
const env = mapOf(scalar);
const expression = fc.oneof(fc.constantFrom("${{ github.event_name == 'push' }}", "github.ref == 'refs/heads/main'", "always()", "${{ !cancelled() }}", "success() && github.actor != 'bot'"), nastyString);
const concurrency: fc.Arbitrary<Json> = fc.oneof(nastyString, fc.record({ group: nastyString, "cancel-in-progress": fc.oneof(fc.boolean(), expression) }, { requiredKeys: ["group"] }));
const matrixValue = fc.oneof(nastyString, fc.integer({ min: 0, max: 30 }), fc.constantFrom(3.5, 20.04), fc.boolean());
const matrix: fc.Arbitrary<JsonObject> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(() => fc.array(matrixValue, { minLength: 1, maxLength: 3 }))),
      fc.array(fc.tuple(...names.map(() => matrixValue)), { maxLength: 2 }),
    ).map(([values, includes]) => {
      const result: JsonObject = Object.fromEntries(names.map((name, index) => [name, values[index]!]));
      if (includes.length) result.include = includes.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]!])));
      return result;
    }),
  );
const strategy = fc.record({ matrix, "fail-fast": fc.boolean(), "max-parallel": fc.integer({ min: 1, max: 8 }) }, { requiredKeys: ["matrix"] });

const runStep = someOf(
  { run: script },
  { name: nastyString, id: identifier, if: expression, shell: fc.constantFrom("bash", "pwsh", "sh -e {0}"), "working-directory": nastyString, env, "continue-on-error": fc.boolean(), "timeout-minutes": fc.integer({ min: 1, max: 60 }) },
  3,
);
const usesStep = someOf(
  { uses: fc.constantFrom("actions/checkout@v4", "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", "./.github/actions/local", "docker://alpine:3.10") },
  { name: nastyString, id: identifier, if: expression, with: mapOf(scalar), env },
  3,
);
const steps = fc.array(fc.oneof(runStep, usesStep), { minLength: 1, maxLength: 3 });

const jobFor = (earlier: readonly string[]): fc.Arbitrary<JsonObject> =>
  someOf(
    {
      "runs-on": fc.oneof(fc.constantFrom("ubuntu-latest", "windows-latest", "${{ matrix.os }}"), fc.subarray(["self-hosted", "linux", "x64", "on", "yes"], { minLength: 1 }), nastyString),
      steps,
    },
    {
      name: nastyString,
      // `needs` names earlier jobs only, so the graph has no cycles.
      ...(earlier.length ? { needs: fc.oneof(fc.constantFrom(...earlier), fc.subarray([...earlier], { minLength: 1 })) } : {}),
      if: expression,
      permissions,
      concurrency,
      "timeout-minutes": fc.integer({ min: 1, max: 360 }),
      "continue-on-error": fc.boolean(),
      strategy,
      env,
    },
    4,
  );

const jobs: fc.Arbitrary<JsonObject> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 3 })
  .chain((ids) => fc.tuple(...ids.map((_, index) => jobFor(ids.slice(0, index)))).map((specs) => Object.fromEntries(ids.map((id, index) => [id, specs[index]!]))));

/** A random workflow GitHub would accept, as the plain JSON an author could export. */
const validWorkflow: fc.Arbitrary<JsonObject> = someOf({ on, jobs }, { name: nastyString, "run-name": nastyString, permissions, env, concurrency }, 3);

function normalize(exported: unknown): JsonObject {
  const { workflows, diagnostics } = normalizeSource({ file: FILE, exports: { default: exported } });
  expect(diagnostics).toEqual([]);
  expect(workflows).toHaveLength(1);
  return workflows[0]!.model;
}

// A small seeded generator, so a failing case is reproducible from the seed fast-check prints.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

function shuffleKeys(object: JsonObject, next: () => number, visit: (key: string, value: Json) => unknown = (_, value) => value): Record<string, unknown> {
  return Object.fromEntries(shuffled(Object.keys(object), next).map((key) => [key, visit(key, object[key]!)]));
}

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The same workflow written as an author might: structural keys (workflow, triggers, inputs,
 * concurrency, jobs, strategy, steps) in a random order, some jobs and steps built with job() and
 * step(), and `needs` naming built jobs by reference. Author-keyed maps keep their order.
 */
function asAuthored(model: JsonObject, seed: number): WorkflowSpec {
  const next = random(seed);
  const built = new Map<string, object>();
  const jobSpecs = model.jobs as Record<string, JsonObject>;
  const authoredJobs: Record<string, unknown> = {};
  for (const [id, spec] of Object.entries(jobSpecs)) {
    const authored = shuffleKeys(spec, next, (key, value) => {
      if (key === "steps") return (value as JsonObject[]).map((item) => {
        const stepSpec = shuffleKeys(item, next);
        return next() < 0.5 ? step(stepSpec as never) : stepSpec;
      });
      if (key === "strategy" || (key === "concurrency" && isObject(value))) return shuffleKeys(value as JsonObject, next);
      if (key === "needs" && Array.isArray(value)) return value.map((need) => (built.has(need as string) && next() < 0.7 ? built.get(need as string) : need));
      return value;
    });
    if (next() < 0.5) {
      const made = job(authored as never);
      built.set(id, made);
      authoredJobs[id] = made;
    } else authoredJobs[id] = authored;
  }
  return shuffleKeys(model, next, (key, value) => {
    if (key === "jobs") return authoredJobs;
    if (key === "concurrency" && isObject(value)) return shuffleKeys(value, next);
    if (key === "on" && isObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([event, trigger]) => {
        if (!isObject(trigger)) return [event, trigger];
        if (event === "workflow_dispatch" && isObject(trigger.inputs)) {
          return [event, { inputs: Object.fromEntries(Object.entries(trigger.inputs).map(([name, spec]) => [name, shuffleKeys(spec as JsonObject, next)])) }];
        }
        return [event, shuffleKeys(trigger, next)];
      }));
    }
    return value;
  }) as unknown as WorkflowSpec;
}

// YAML 1.1 reads the bare root key `on` as the boolean true, which becomes the key "true". That is
// by design (GitHub reads 1.2 and the key is written plain, as every workflow writes it); put it back.
function restoreRootOn(read: unknown): unknown {
  if (!isObject(read)) return read;
  expect(read).not.toHaveProperty("on");
  const { true: trigger, ...rest } = read;
  return { on: trigger, ...rest };
}

describe("emit and normalize properties", () => {
  it("parse(emit(m)) equals m under YAML 1.2, and under 1.1 once the root `on` is accounted for", () => {
    fc.assert(
      fc.property(validWorkflow, (authored) => {
        const model = normalize(authored);
        const body = emitYamlBody(model);
        expect(parse(body, { version: "1.2" })).toEqual(model);
        expect(restoreRootOn(parse(body, { version: "1.1" }))).toEqual(model);
      }),
      RUNS,
    );
  });

  it("emits the same bytes whatever the order of structural keys and however jobs and steps are built", () => {
    fc.assert(
      fc.property(validWorkflow, fc.integer(), (plain, seed) => {
        const reference = emitYaml(normalize(workflow("x", plain as unknown as WorkflowSpec)), FILE);
        const authored = emitYaml(normalize(workflow("x", asAuthored(plain, seed))), FILE);
        expect(authored).toBe(reference);
      }),
      RUNS,
    );
  });

  it("normalize is idempotent, key order included", () => {
    fc.assert(
      fc.property(validWorkflow, (authored) => {
        const once = normalize(authored);
        const twice = normalize(once);
        expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
        expect(twice).toEqual(once);
      }),
      RUNS,
    );
  });
});
