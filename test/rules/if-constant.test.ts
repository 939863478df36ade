import { describe, expect, it } from "vitest";
import rule, { constantValue } from "../../src/rules/if-constant.js";
import { testRule } from "./_test-rule.js";

const jobIf = (condition: string) => `on: push\njobs:\n  a:\n    if: ${condition}\n    runs-on: x\n    steps: [{ run: a }]\n`;
const stepIfs = (...conditions: string[]) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${conditions.map((condition) => `      - if: ${condition}\n        run: a\n`).join("")}`;
const job = { path: ["jobs", "a", "if"], line: 4, column: 9 };
const step = (index: number) => ({ path: ["jobs", "a", "steps", index, "if"], line: 6 + 2 * index, column: 13 });

testRule(rule, {
  valid: [
    { name: "conditions that read contexts or call functions", yaml: stepIfs("success()", "${{ always() }}", "github.ref == 'refs/heads/main'", "\"${{ contains(github.event.head_commit.message, '[skip]') }}\"", "\"!cancelled() && needs.a.result == 'success'\"", "matrix.os == 'linux'", "\"format('{0}', 'a') == 'a'\"") },
    { name: "text around the braces is if-always-true's", yaml: jobIf("\"${{ true }} && ${{ false }}\"") },
  ],
  invalid: [
    { name: "issue 12: if: true and if: false", yaml: stepIfs("true", "false"), errors: [step(0), step(1)] },
    { name: "issue 12: constant expressions in ${{ }}", yaml: stepIfs("${{ false }}", "${{ 'a' == 'a' }}", "\"${{ 1 > 2 || 'A' != 'a' }}\"", "\"!(null)\""), errors: [step(0), step(1), step(2), step(3)] },
    { name: "issue 12: a non-empty literal string is always true", yaml: jobIf("${{ 'false' }}"), errors: [job] },
    { name: "issue 12: a quoted string as the whole condition", yaml: jobIf("\"'refs/heads/main'\""), errors: [job] },
  ],
});

describe("constantValue", () => {
  it("issue 12: follows GitHub's loose comparison and operators", () => {
    expect(constantValue("'A' == 'a'")).toBe(true);
    expect(constantValue("1 == '1'")).toBe(true);
    expect(constantValue("true == 1")).toBe(true);
    expect(constantValue("'abc' == 0")).toBe(false);
    expect(constantValue("null || 'x'")).toBe("x");
    expect(constantValue("0 && 'x'")).toBe(0);
    expect(constantValue("github.ref == 'a'")).toBeUndefined();
    expect(constantValue("success()")).toBeUndefined();
  });
});
