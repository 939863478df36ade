import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.js";

// bin/ is plain JavaScript run before anything is built: imported by its URL, typed here.
const { v8FlagsFor } = (await import(pathToFileURL(path.join(REPO_ROOT, "bin", "v8-tuning.js")).href)) as { v8FlagsFor: (argv: string[], env: Record<string, string | undefined>) => string[] };

describe("V8 tuned for one-shot commands", () => {
  it("issue 12/13 (speed): a one-shot command gets the smaller inlining budget; --watch and the background server keep V8's defaults", () => {
    const budget = ["--max-inlined-bytecode-size-cumulative=100"];
    for (const argv of [["gen"], ["lint", ".github/workflows"], ["check", "--format", "json"], ["import", "x.yml"], []]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual(budget);
    for (const argv of [["gen", "--watch"], ["check", "--watch", "--format", "json"], ["gen", "--watch=true"]]) expect(v8FlagsFor(argv, {}), argv.join(" ")).toEqual([]);
    expect(v8FlagsFor([], { TRUNKLINE_DAEMON: "serve" })).toEqual([]);
    expect(v8FlagsFor(["gen"], { TRUNKLINE_DAEMON: "1" })).toEqual(budget);
  });
});
