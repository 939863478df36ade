import { describe, expect, it } from "vitest";
import { describeDifference, firstDifference } from "../../src/importer/first-difference.js";

describe("firstDifference", () => {
  it("is undefined for deep-equal values, whatever the key order", () => {
    expect(firstDifference({ a: [1, { b: null }], c: "x" }, { c: "x", a: [1, { b: null }] })).toBeUndefined();
  });

  it("tells a number from the string that looks like it", () => {
    const difference = firstDifference({ jobs: { a: { with: { python: "3.10" } } } }, { jobs: { a: { with: { python: 3.1 } } } });
    expect(difference?.path).toEqual(["jobs", "a", "with", "python"]);
    expect(describeDifference(difference!)).toBe('jobs.a.with.python: the original has "3.10", the source generates 3.1');
  });

  it("finds missing keys, extra keys and list lengths", () => {
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toEqual({ path: ["b"], expected: 2, actual: undefined });
    expect(firstDifference({ a: 1 }, { a: 1, z: 0 })).toEqual({ path: ["z"], expected: undefined, actual: 0 });
    expect(firstDifference({ s: [1, 2] }, { s: [1] })).toEqual({ path: ["s", 1], expected: 2, actual: undefined });
    expect(firstDifference({ s: [] }, { s: {} })?.path).toEqual(["s"]);
    expect(firstDifference({ n: null }, { n: "" })?.path).toEqual(["n"]);
  });
});
