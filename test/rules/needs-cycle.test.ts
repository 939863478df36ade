import rule from "../../src/rules/needs-cycle.js";
import { testRule } from "./_test-rule.js";

const job = (id: string, needs?: string) => `  ${id}:\n${needs ? `    needs: ${needs}\n` : ""}    runs-on: x\n    steps: [{ run: ${id} }]\n`;

testRule(rule, {
  valid: [
    { name: "a chain", yaml: `on: push\njobs:\n${job("a")}${job("b", "a")}${job("c", "[a, b]")}` },
    { name: "a diamond", yaml: `on: push\njobs:\n${job("a")}${job("b", "a")}${job("c", "a")}${job("d", "[b, c]")}` },
    { name: "an unknown need is not a cycle", yaml: `on: push\njobs:\n${job("a", "nope")}` },
  ],
  invalid: [
    {
      name: "issue 12: two jobs needing each other, reported once, at the first one's id",
      yaml: `on: push\njobs:\n${job("root")}${job("a", "[root, b]")}${job("b", "a")}`,
      // a is at lines 6-9 ("needs" line 7); b at lines 10-13, its needs on line 11
      errors: [{ path: ["jobs", "a"], line: 6, column: 3 }],
    },
    {
      name: "issue 12: a job needing itself, at its id",
      yaml: `on: push\njobs:\n${job("root")}${job("self", "[self]")}`,
      errors: [{ path: ["jobs", "self"], line: 6, column: 3 }],
    },
    {
      name: "issue 12: a three-job circle, at the id of the first job the search meets",
      yaml: `on: push\njobs:\n${job("root")}${job("a", "c")}${job("b", "a")}${job("c", "b")}`,
      errors: [{ path: ["jobs", "a"], line: 6, column: 3 }],
    },
  ],
});
