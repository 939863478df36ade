import { describe, expect, it } from "vitest";
import { LineCounter, Scalar, isMap, parse, parseDocument } from "yaml";
import { emitYaml, emitYamlBody } from "../../src/emit/emit-yaml.js";
import { parseHeader } from "../../src/emit/header.js";
import type { JsonObject } from "../../src/model/json.js";

const withValues = (values: Record<string, string | number | boolean | null>): JsonObject => ({
  on: "push",
  jobs: { test: { "runs-on": "ubuntu-latest", steps: [{ uses: "actions/some@v1", with: values }] } },
});

// Strings that YAML 1.1 or 1.2 would read back as something else if written plain.
const RETYPABLE = ["yes", "no", "on", "off", "y", "N", "true", "False", "null", "~", "", "3.10", "0123", "0o17", "0x1F", "1_000", "12:30", "1e3", ".inf", ".NaN", "2026-11-21", "<<", "="];
// Strings YAML cannot write plain at all.
const INDICATORS = ["*", "&anchor", "!tag", "- item", "key: value", "# not a comment", "[a]", "{a}", "@at", "`tick", "|", ">", "%percent", "'quoted'", '"double"', " leading space", "trailing space "];

describe("emitYaml", () => {
  it.each([...RETYPABLE, ...INDICATORS])("keeps %j a string under YAML 1.2 and 1.1", (text) => {
    const yaml = emitYamlBody(withValues({ value: text }));
    for (const version of ["1.2", "1.1"] as const) {
      const read = parse(yaml, { version }) as { jobs: { test: { steps: { with: { value: unknown } }[] } } };
      expect(read.jobs.test.steps[0]!.with.value).toBe(text);
    }
  });

  it("keeps numbers, booleans and null typed", () => {
    const values = { number: 20, float: 3.5, yes: true, no: false, nothing: null };
    const read = parse(emitYamlBody(withValues(values))) as { jobs: { test: { steps: { with: unknown }[] } } };
    expect(read.jobs.test.steps[0]!.with).toEqual(values);
  });

  it("writes `on` as a plain key", () => {
    const document = parseDocument(emitYamlBody({ on: { push: null }, jobs: {} }));
    const keys = isMap(document.contents) ? document.contents.items.map((pair) => pair.key as Scalar) : [];
    const on = keys.find((key) => key.value === "on");
    expect(on?.type).toBe(Scalar.PLAIN);
  });

  it("writes multi-line scripts as block literals that read back byte for byte", () => {
    const script = 'set -e\nnpm ci\necho "${{ github.sha }}"\n';
    const document = parseDocument(emitYamlBody(withValues({ script })));
    const node = document.getIn(["jobs", "test", "steps", 0, "with", "script"], true) as Scalar;
    expect(node.type).toBe(Scalar.BLOCK_LITERAL);
    expect(node.value).toBe(script);
  });

  it("never folds a long line", () => {
    const long = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
    const text = emitYamlBody(withValues({ long }));
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    const node = document.getIn(["jobs", "test", "steps", 0, "with", "long"], true) as Scalar;
    const [start, end] = node.range!;
    expect(node.value).toBe(long);
    expect(lineCounter.linePos(start).line).toBe(lineCounter.linePos(end).line);
  });

  it("is byte-identical on every run, and ends with one newline", () => {
    const model = withValues({ a: "x" });
    const first = emitYaml(model, "workflows-src/ci.ts");
    expect(emitYaml(structuredClone(model), "workflows-src/ci.ts")).toBe(first);
    expect(first.endsWith("\n")).toBe(true);
    expect(first.endsWith("\n\n")).toBe(false);
  });

  it("writes a header naming the source, with a hash that tells a hand edit from the original", () => {
    const text = emitYaml(withValues({ a: "x" }), "workflows-src/ci.ts");
    const header = parseHeader(text)!;
    expect(header.sourceFile).toBe("workflows-src/ci.ts");
    expect(header.actualHash).toBe(header.recordedHash);
    const edited = parseHeader(text.replace("ubuntu-latest", "ubuntu-24.04"))!;
    expect(edited.actualHash).not.toBe(edited.recordedHash);
    expect(parse(text)).toEqual(withValues({ a: "x" }));
  });
});

describe("emitYaml, pinned actions", () => {
  it("names the release a pinned SHA was published as, in a comment a reader sees and YAML ignores", () => {
    const model = { on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1" }, { uses: "actions/checkout@v4" }, { uses: "someone/unknown@0123456789012345678901234567890123456789" }] } } };
    const document = parseDocument(emitYamlBody(model));
    const uses = (index: number) => document.getIn(["jobs", "t", "steps", index, "uses"], true) as Scalar;
    expect(uses(0).comment?.trim()).toBe("v7.0.1");
    expect(uses(1).comment).toBeUndefined();
    expect(uses(2).comment).toBeUndefined();
    expect(document.toJS()).toEqual(model);
  });
});
