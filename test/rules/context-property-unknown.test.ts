import rule from "../../src/rules/context-property-unknown.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(script)}\n`;

testRule(rule, {
  valid: [
    { name: "documented runner properties, in any case", yaml: run("echo ${{ runner.os }} ${{ runner.ARCH }} ${{ runner.temp }} ${{ runner.tool_cache }} ${{ runner.debug }} ${{ runner.name }} ${{ runner.environment }}") },
    { name: "job properties, and a service's", yaml: run("echo ${{ job.status }} ${{ job.container.id }} ${{ job.services.db.ports['5432'] }} ${{ job.check_run_id }}") },
    { name: "strategy properties", yaml: run("echo ${{ strategy.job-index }} ${{ strategy.job-total }} ${{ strategy.fail-fast }} ${{ strategy.max-parallel }}") },
    { name: "whole contexts and object filters", yaml: run("echo ${{ toJSON(runner) }} ${{ toJSON(job) }} ${{ runner.* }}") },
    { name: "other contexts are other rules'", yaml: run("echo ${{ env.osx }} ${{ matrix.osx }}") },
  ],
  invalid: [
    { name: "issue 12: an unknown runner property", yaml: run("echo ${{ runner.osx }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12: an unknown job property", yaml: run("echo ${{ job.stat }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12: an unknown property of the job's container and of a service", yaml: run("echo ${{ job.container.ip }} ${{ job.services.db.port }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }, { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12: a property of a plain value, in a step condition", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - if: strategy.job-index.value == 0\n        run: a\n", errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 6, column: 13 }] },
  ],
});
