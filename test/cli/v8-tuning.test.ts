import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { OPTIMIZED_RUN_SOURCES } from "../../src/io/optimizing-compiler.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// bin/ is plain JavaScript run before anything is built: imported by its URL, typed here.
const { v8FlagsFor } = (await import(pathToFileURL(path.join(REPO_ROOT, "bin", "v8-tuning.js")).href)) as { v8FlagsFor: (argv: string[], env: Record<string, string | undefined>) => string[] };

const BUDGET = "--max-inlined-bytecode-size-cumulative=100";

describe("V8 tuned for one-shot commands", () => {
  it("issue 12/13 (speed): a one-shot command gets the smaller inlining budget; --watch and the background server keep V8's defaults", () => {
    for (const argv of [["lint", ".github/workflows"], ["import", "x.yml"], []]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([BUDGET]);
    for (const argv of [["gen", "--watch"], ["check", "--watch", "--format", "json"], ["gen", "--watch=true"]]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([]);
    expect(v8FlagsFor([], { TRUNKLINE_DAEMON: "serve" })).toEqual([]);
  });

  it("issue 13 (speed): a one-shot gen or check starts without the optimizing compiler; lint, which parses what it reads, keeps it", () => {
    for (const argv of [["gen"], ["check", "--format", "json"], ["gen", "--dry-run"]]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([BUDGET, "--no-turbofan"]);
    expect(v8FlagsFor(["gen"], { TRUNKLINE_DAEMON: "1" })).toEqual([BUDGET, "--no-turbofan"]);
    expect(v8FlagsFor(["lint"], {})).not.toContain("--no-turbofan");
  });

  // Whether a function V8 is told to optimize ends up optimized by TurboFan, in a process started
  // without it, after optimizeLongRun(sources). The status bits are V8's (kOptimized = 1 << 4).
  const optimizedAfter = (sources: number): boolean => {
    const script = `
      const { optimizeLongRun } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, "src", "io", "optimizing-compiler.ts")).href)});
      optimizeLongRun(${sources});
      function add(a, b) { return a + b; }
      %PrepareFunctionForOptimization(add);
      add(1, 2); add(3, 4);
      %OptimizeFunctionOnNextCall(add);
      add(5, 6);
      process.stdout.write(String((%GetOptimizationStatus(add) & 16) !== 0));`;
    const out = execFileSync(process.execPath, ["--no-turbofan", "--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    return JSON.parse(out) as boolean;
  };

  it("issue 13 (speed): a run with many sources to compile turns the optimizing compiler back on; a smaller one leaves it off", () => {
    expect(optimizedAfter(OPTIMIZED_RUN_SOURCES)).toBe(true);
    expect(optimizedAfter(OPTIMIZED_RUN_SOURCES - 1)).toBe(false);
  });
});
