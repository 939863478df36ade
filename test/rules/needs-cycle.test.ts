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
      name: "two jobs needing each other, reported once at the closing edge",
      yaml: `on: push\njobs:\n${job("root")}${job("a", "[root, b]")}${job("b", "a")}`,
      // a is at lines 6-9 ("needs" line 7); b at lines 10-13, its needs on line 11
      errors: [{ path: ["jobs", "b", "needs"], line: 11, column: 12 }],
    },
    {
      name: "a job needing itself",
      yaml: `on: push\njobs:\n${job("root")}${job("self", "[self]")}`,
      errors: [{ path: ["jobs", "self", "needs", 0], line: 7, column: 13 }],
    },
    {
      name: "a three-job circle",
      yaml: `on: push\njobs:\n${job("root")}${job("a", "c")}${job("b", "a")}${job("c", "b")}`,
      errors: [{ path: ["jobs", "b", "needs"], line: 11, column: 12 }],
    },
  ],
});
