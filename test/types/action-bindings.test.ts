import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { bindingFile, generateBinding } from "../../src/actions/bindings.js";
import { metadataSha256, parseActionMetadata } from "../../src/actions/metadata.js";
import { corpusActions, hasActionsCorpus } from "../support/actions-corpus.js";
import { type FixtureCheck, checkFixtures } from "./_type-check.js";

const FIXTURES = fileURLToPath(new URL("./actions-fixtures", import.meta.url));

// The fixtures import bindings written by the generator (bindings/), so the errors are those a user
// of `trunkline actions add` gets, at the lines the markers name.
describe("typed action bindings", () => {
  let check: FixtureCheck;
  beforeAll(() => {
    check = checkFixtures(FIXTURES);
  }, 60_000);
  const errorsIn = (file: string) => check.actual.filter((error) => error.file === file);
  const expectedIn = (file: string) => check.expected.filter((error) => error.file === file);

  it("issue 11.2: the compiler reports exactly the marked errors, and none in the bindings", () => {
    expect(check.elsewhere).toEqual([]);
    expect(check.actual).toEqual(check.expected);
    expect(check.unmatchedTexts).toEqual([]);
    expect(check.actual.filter((error) => error.file.startsWith("bindings/"))).toEqual([]);
  });

  it.each([
    ["unknown-input.ts", '`"fetch-dpeth": 0` on actions/checkout'],
    ["missing-required-input.ts", "actions/cache without its required `key`, and without `with`"],
  ])("issue 11.2: %s (%s) is a type error on its line", (file) => {
    expect(expectedIn(file).length).toBeGreaterThan(0);
    expect(errorsIn(file)).toEqual(expectedIn(file));
  });

  it("issue 10.3: an output a bound action does not declare, read from `steps.<id>.outputs` in a later step, is a type error on its line", () => {
    expect(expectedIn("unknown-output.ts").map((error) => error.line)).toEqual([13, 14]);
    expect(errorsIn("unknown-output.ts")).toEqual(expectedIn("unknown-output.ts"));
  });

  it("issue 11.5: an action authored in TypeScript types its own steps: an unknown input, a missing required input, an unknown output and a misspelt input inside the action are errors on their lines", () => {
    expect(expectedIn("authored-action.ts").map((error) => [error.line, error.code])).toEqual([[23, "TS2353"], [24, "TS2741"], [25, "TS2554"], [29, "TS2339"], [34, "TS2551"]]);
    expect(errorsIn("authored-action.ts")).toEqual(expectedIn("authored-action.ts"));
  });

  it("issue 11.2: a valid use of bindings (optional with, required inputs, outputs) has no error", () => {
    expect(check.files).toContain("valid-use.ts");
    expect(errorsIn("valid-use.ts")).toEqual([]);
  });

  it.skipIf(!hasActionsCorpus)("issue 11.1: the fixture bindings are what the generator writes from the corpus's action.yml (skipped without ../shared/corpora/actions)", () => {
    for (const action of corpusActions().filter((entry) => ["actions/checkout", "actions/cache"].includes(entry.key))) {
      const metadata = parseActionMetadata(action.text);
      if ("problem" in metadata) throw new Error(metadata.problem);
      const locked = { ref: action.tag, tag: action.tag, sha: action.sha, metadataFile: "action.yml", metadataSha256: metadataSha256(action.text) };
      expect(generateBinding(action.key, locked, metadata)).toBe(readFileSync(`${FIXTURES}/bindings/${bindingFile(action.key)}`, "utf8"));
    }
  });
});
