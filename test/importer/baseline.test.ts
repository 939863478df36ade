import { describe, expect, it } from "vitest";
import { type Baseline, applyBaseline, baselineOutputs, buildBaseline, fingerprint, parseBaseline, replaceFiles, serializeBaseline } from "../../src/baseline/baseline.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

const FILE = ".github/workflows/ci.yml";
const model = { jobs: { build: { steps: [{ uses: "actions/checkout@v4" }, { name: "Test", run: "make" }, { run: "x" }, { id: "pin", uses: "o/a@v1" }] } } };
const models = new Map([[FILE, model]]);
const finding = (rule: string, path: (string | number)[], extra: Partial<Diagnostic> = {}): Diagnostic => ({ rule, severity: "error", file: FILE, message: `${rule} here`, path, ...extra });

describe("fingerprint", () => {
  it("names steps by id, then name, then uses, and by index only when a step has none", () => {
    expect(fingerprint({ path: ["jobs", "build", "steps", 3, "uses"] }, model)).toBe("jobs.build.steps[id=pin].uses");
    expect(fingerprint({ path: ["jobs", "build", "steps", 1] }, model)).toBe("jobs.build.steps[name=Test]");
    expect(fingerprint({ path: ["jobs", "build", "steps", 0, "uses"] }, model)).toBe("jobs.build.steps[uses=actions/checkout@v4].uses");
    expect(fingerprint({ path: ["jobs", "build", "steps", 2, "run"] }, model)).toBe("jobs.build.steps[2].run");
    expect(fingerprint({ path: ["on", "push", "branches", 0] }, model)).toBe("on.push.branches[0]");
    expect(fingerprint({}, model)).toBe("");
  });
});

describe("buildBaseline and applyBaseline", () => {
  const findings = [finding("unpinned-action", ["jobs", "build", "steps", 3, "uses"]), finding("timeout-missing", ["jobs", "build"], { severity: "warning" })];

  it("accepts exactly the recorded findings; anything else is new", () => {
    const baseline = buildBaseline(findings, models);
    const fresh = finding("unpinned-action", ["jobs", "build", "steps", 0, "uses"]);
    const result = applyBaseline([...findings, fresh], baseline, models, new Set([FILE]));
    expect(result.accepted).toEqual(findings);
    expect(result.remaining).toEqual([fresh]);
    expect(result.fixedCount).toBe(0);
  });

  it("still matches after a step is inserted above the finding (no indexes, no lines)", () => {
    const baseline = buildBaseline(findings, models);
    const shifted = { jobs: { build: { steps: [{ run: "new" }, ...model.jobs.build.steps] } } };
    const moved = finding("unpinned-action", ["jobs", "build", "steps", 4, "uses"], { line: 99 });
    expect(applyBaseline([moved], baseline, new Map([[FILE, shifted]]), new Set()).remaining).toEqual([]);
  });

  it("accepts one finding per entry: a second identical finding is new", () => {
    const baseline = buildBaseline([findings[0]!], models);
    expect(applyBaseline([findings[0]!, findings[0]!], baseline, models, new Set()).remaining).toHaveLength(1);
  });

  it("never records or hides what makes a workflow invalid", () => {
    const invalid = [finding("parser", ["jobs"]), finding("schema", ["on"]), finding("normalize", [])];
    expect(buildBaseline(invalid, models)).toEqual({ version: 1, files: {} });
    const forged: Baseline = { version: 1, files: { [FILE]: { parser: ["jobs"], schema: ["on"] } } };
    expect(applyBaseline(invalid, forged, models, new Set()).remaining).toEqual(invalid);
  });

  it("drops fixed entries of the files it checked, and keeps the other files' entries", () => {
    const baseline: Baseline = { version: 1, files: { [FILE]: { "timeout-missing": ["jobs.build", "jobs.gone"] }, "legacy.yml": { "timeout-missing": ["jobs.x"] } } };
    const result = applyBaseline([findings[1]!], baseline, models, new Set([FILE]));
    expect(result.pruned).toEqual({ version: 1, files: { [FILE]: { "timeout-missing": ["jobs.build"] }, "legacy.yml": { "timeout-missing": ["jobs.x"] } } });
    expect(result.fixedCount).toBe(1);
  });
});

describe("the baseline file", () => {
  it("is sorted JSON, one place per line, without empty entries", () => {
    const text = serializeBaseline({ version: 1, files: { "b.yml": { z: ["2", "1"], a: [] }, "a.yml": { r: ["x"] } } });
    expect(text).toBe('{\n  "version": 1,\n  "files": {\n    "a.yml": {\n      "r": [\n        "x"\n      ]\n    },\n    "b.yml": {\n      "z": [\n        "1",\n        "2"\n      ]\n    }\n  }\n}\n');
    expect(parseBaseline(text)).toEqual({ version: 1, files: { "a.yml": { r: ["x"] }, "b.yml": { z: ["1", "2"] } } });
  });

  it("reads as empty (hiding nothing) when absent or unreadable", () => {
    expect(parseBaseline(undefined)).toEqual({ version: 1, files: {} });
    expect(parseBaseline("{ not json")).toEqual({ version: 1, files: {} });
    expect(parseBaseline('{"version": 2, "files": {}}')).toEqual({ version: 1, files: {} });
  });

  it("replaceFiles swaps the entries of re-imported files only", () => {
    const base: Baseline = { version: 1, files: { "a.yml": { r: ["1"] }, "b.yml": { r: ["2"] } } };
    expect(replaceFiles(base, { version: 1, files: { "a.yml": { s: ["3"] } } }, ["a.yml", "c.yml"])).toEqual({ version: 1, files: { "a.yml": { s: ["3"] }, "b.yml": { r: ["2"] } } });
    expect(replaceFiles(base, { version: 1, files: {} }, ["b.yml"])).toEqual({ version: 1, files: { "a.yml": { r: ["1"] } } });
  });

  it("baselineOutputs writes the file back only when it shrank", () => {
    const text = serializeBaseline(buildBaseline([finding("timeout-missing", ["jobs", "build"])], models));
    const output = { path: FILE, text: "", model };
    expect(baselineOutputs([finding("timeout-missing", ["jobs", "build"])], [output], text)).toEqual({ diagnostics: [] });
    expect(baselineOutputs([], [output], text).prunedText).toBe('{\n  "version": 1,\n  "files": {}\n}\n');
    expect(baselineOutputs([finding("x", [])], [output], undefined).diagnostics).toHaveLength(1);
  });
});
