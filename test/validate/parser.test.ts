import { describe, expect, it } from "vitest";
import { validateWithParser } from "../../src/validate/parser.js";

const FILE = ".github/workflows/ci.yml";

/** Positions and rule only: the wording belongs to GitHub's parser and may change between versions. */
function where(diagnostics: { rule: string; line?: number; column?: number }[]) {
  return diagnostics.map(({ rule, line, column }) => ({ rule, line, column }));
}

describe("validateWithParser", () => {
  it("accepts a valid workflow", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - run: echo ${{ github.sha }}",
      "",
    ].join("\n");
    expect(await validateWithParser(yaml, FILE)).toEqual([]);
  });

  it("reports an unknown key at the key", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    timeout: 5",
      "    steps:",
      "      - run: make",
      "",
    ].join("\n");
    const diagnostics = await validateWithParser(yaml, FILE);
    expect(where(diagnostics)).toEqual([{ rule: "parser", line: 5, column: 5 }]);
    expect(diagnostics[0]).toMatchObject({ severity: "error", file: FILE });
    expect(diagnostics[0]?.message).not.toContain(FILE);
    expect(diagnostics[0]?.message).not.toContain("(Line:");
  });

  it("reports a malformed expression at its value", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo ${{ github.foo( }}",
      "",
    ].join("\n");
    expect(where(await validateWithParser(yaml, FILE))).toEqual([{ rule: "parser", line: 6, column: 14 }]);
  });

  it("issue 12: reports an expression error inside a block scalar at the `|`, where GitHub prints it", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: |",
      "          echo start",
      "          echo ${{ github.foo( }}",
      "",
    ].join("\n");
    // where actionlint reports it too, and where the rules report on the same script
    expect(where(await validateWithParser(yaml, FILE))).toEqual([{ rule: "parser", line: 6, column: 14 }]);
  });

  it("keeps GitHub's position for a multi-line quoted string, whose range is a line off", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: "echo start',
      '          echo ${{ github.foo( }}"',
      "",
    ].join("\n");
    expect(where(await validateWithParser(yaml, FILE))).toEqual([{ rule: "parser", line: 6, column: 14 }]);
  });

  it("issue 12.2: reports types under push at the event, where the mistake is, and types elsewhere at the key", async () => {
    const yaml = [
      "on:",
      "  push:",
      "    branches: [main]",
      "    types: [created]",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    types: x",
      "    steps:",
      "      - run: make",
      "",
    ].join("\n");
    expect(where(await validateWithParser(yaml, FILE))).toEqual([
      { rule: "parser", line: 2, column: 3 },
      { rule: "parser", line: 8, column: 5 },
    ]);
  });

  it("issue 12: reports a choice input without options at the input, not at its type", async () => {
    const yaml = [
      "on:",
      "  workflow_dispatch:",
      "    inputs:",
      "      level:",
      "        description: how loud",
      "        # the kind",
      "        type: choice",
      "      flow: { type: choice }",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: make",
      "",
    ].join("\n");
    // a flow mapping is on the input's line already: GitHub's position stays
    expect(where(await validateWithParser(yaml, FILE))).toEqual([
      { rule: "parser", line: 4, column: 7 },
      { rule: "parser", line: 8, column: 13 },
    ]);
  });

  it("reports an unknown function", async () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo done",
      "        if: ${{ fromJsonn('true') }}",
      "",
    ].join("\n");
    expect(where(await validateWithParser(yaml, FILE))).toEqual([{ rule: "parser", line: 7, column: 13 }]);
  });

  it("reports a context that is not available where it is used", async () => {
    // `steps` exists only inside a job's steps, not in the job-level `if`
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    if: steps.build.outputs.ok == 'true'",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: make",
      "",
    ].join("\n");
    expect(where(await validateWithParser(yaml, FILE))).toEqual([{ rule: "parser", line: 4, column: 9 }]);
  });

  it("reports a YAML syntax error with the position of the range", async () => {
    const yaml = ["on: push", "jobs:", "  test: [", ""].join("\n");
    const diagnostics = await validateWithParser(yaml, FILE);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.rule).toBe("parser");
      expect(diagnostic.line).toBeGreaterThan(0);
      expect(diagnostic.column).toBeGreaterThan(0);
    }
  });

  describe("feature flags", () => {
    const yaml = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - id: server",
      "        run: npm start",
      "        background: true",
      "      - run: npm test",
      "      - wait-all:",
      "",
    ].join("\n");

    it("rejects background steps without allowBackgroundSteps", async () => {
      const diagnostics = await validateWithParser(yaml, FILE);
      expect(where(diagnostics)).toContainEqual({ rule: "parser", line: 8, column: 9 });
    });

    it("accepts background steps with allowBackgroundSteps", async () => {
      const diagnostics = await validateWithParser(yaml, FILE, { featureFlags: { allowBackgroundSteps: true } });
      expect(diagnostics).toEqual([]);
    });
  });
});
