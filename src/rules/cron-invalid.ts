import { cronProblem, scheduleCrons } from "./_cron.js";
import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "cron-invalid",
  severity: "error",
  summary: "A `schedule` cron expression is malformed or names a date that never comes, or the schedule lists none, so the schedule never runs.",
  docs: {
    why: `GitHub accepts POSIX cron syntax: five fields (minute, hour, day of month, month, day of week), each
\`*\`, a number or name in range, a range \`a-b\`, a step \`/n\`, or a comma list of those. An expression
it cannot read is not scheduled, and a well-formed one can still name a date that never comes
(\`0 0 30 2 *\`, February 30th): the workflow silently never runs. So does an empty \`schedule: []\`.
See [\`on.schedule\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule).`,
    invalid: `on:
  schedule:
    - cron: "0 0 30 2 *"
jobs:
  nightly:
    runs-on: ubuntu-latest
    steps:
      - run: make nightly
`,
    valid: `on:
  schedule:
    - cron: "0 0 28 2 *"
jobs:
  nightly:
    runs-on: ubuntu-latest
    steps:
      - run: make nightly
`,
    fix: "Write five fields in range: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT, and a day that exists in one of the months. `@daily` and similar shortcuts are not supported.",
  },
  workflow({ workflow, report }) {
    const on = workflow.raw["on"];
    const schedule = isObject(on) ? on["schedule"] : undefined;
    const trigger = workflow.triggers.get("schedule");
    // `on: schedule` or `on: [schedule]` names the event with no cron to run it by
    if (trigger && !isObject(on)) {
      report({ path: trigger.path, message: "schedule is named with no cron expression, so this schedule never runs", hint: "write on: as a mapping: \"schedule:\" with \"- cron: '30 5 * * 1-5'\" under it" });
    }
    if (Array.isArray(schedule) && schedule.length === 0) {
      report({ path: ["on", "schedule"], message: "schedule lists no cron expression, so this schedule never runs", hint: 'add one, e.g. "- cron: \'30 5 * * 1-5\'", or remove the schedule trigger' });
    }
    for (const { cron, path } of scheduleCrons(workflow)) {
      const problem = cronProblem(cron);
      if (problem) report({ path, message: `cron "${cron}" ${problem}, so this schedule never runs`, hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "30 5 * * 1-5"' });
    }
  },
});
