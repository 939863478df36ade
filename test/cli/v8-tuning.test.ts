import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { OPTIMIZED_RUN_SOURCES } from "../../src/io/optimizing-compiler.js";
import { VALIDATION_WORKER_THRESHOLD } from "../../src/validate/validation-pool.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// bin/ is plain JavaScript run before anything is built: imported by its URL, typed here.
const { v8FlagsFor } = (await import(pathToFileURL(path.join(REPO_ROOT, "bin", "v8-tuning.js")).href)) as { v8FlagsFor: (argv: string[], env: Record<string, string | undefined>) => string[] };

const BUDGET = "--max-inlined-bytecode-size-cumulative=100";

describe("V8 tuned for one-shot commands", () => {
  it("issue 12/13 (speed): a one-shot command gets the smaller inlining budget; --watch and the background server keep V8's defaults", () => {
    for (const argv of [["gen"], ["lint", ".github/workflows"], ["check", "--format", "json"], ["import", "x.yml"], []]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([BUDGET]);
    for (const argv of [["gen", "--watch"], ["check", "--watch", "--format", "json"], ["gen", "--watch=true"]]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([]);
    expect(v8FlagsFor([], { TRUNKLINE_DAEMON: "serve" })).toEqual([]);
    expect(v8FlagsFor(["gen"], { TRUNKLINE_DAEMON: "1" })).toEqual([BUDGET]);
  });

  // Whether a function V8 is told to optimize ends up optimized, in a fresh process that held the
  // optimizing compiler (or not) and then learnt the run's size. The status bits are V8's (kOptimized = 1 << 4).
  const optimizedAfter = (sources: number, held = true, checked = false): boolean => {
    const script = `
      const { holdOptimizingCompiler, releaseOptimizingCompiler, sizeKnown } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, "src", "io", "optimizing-compiler.ts")).href)});
      if (${held}) holdOptimizingCompiler();
      sizeKnown(${sources});
      if (${checked}) releaseOptimizingCompiler();
      function add(a, b) { return a + b; }
      %PrepareFunctionForOptimization(add);
      add(1, 2); add(3, 4);
      %OptimizeFunctionOnNextCall(add);
      add(5, 6);
      process.stdout.write(String((%GetOptimizationStatus(add) & 16) !== 0));`;
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    return JSON.parse(out) as boolean;
  };

  it("issue 13 (speed): a one-shot gen or check optimizes an edit, a run of many sources and what follows the checks; not the checks of a cold run of a few hundred", () => {
    expect(optimizedAfter(VALIDATION_WORKER_THRESHOLD)).toBe(false);
    expect(optimizedAfter(OPTIMIZED_RUN_SOURCES - 1)).toBe(false);
    expect(optimizedAfter(OPTIMIZED_RUN_SOURCES)).toBe(true);
    expect(optimizedAfter(1)).toBe(true);
    expect(optimizedAfter(0)).toBe(true);
    // held by nobody (a test, the watch, the background server): left as V8 has it
    expect(optimizedAfter(200, false)).toBe(true);
    // once the outputs are checked, what follows (a diff) may loop long: on again
    expect(optimizedAfter(200, true, true)).toBe(true);
  });
});
