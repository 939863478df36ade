import rule from "../../src/rules/cron-too-frequent.js";
import { testRule } from "./_test-rule.js";

const schedule = (...crons: string[]) => `on:\n  schedule:\n${crons.map((cron) => `    - cron: "${cron}"\n`).join("")}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;
const at = (index: number) => ({ path: ["on", "schedule", index, "cron"], line: 3 + index, column: 13 });

testRule(rule, {
  valid: [
    { name: "common schedules", yaml: schedule("0 */12 * * *", "*/5 * * * *", "*/15 9-17 * * MON-FRI", "0,30 * * * *", "30 5 1,15 * *", "58 * * * *") },
    { name: "a malformed cron is cron-invalid's", yaml: schedule("* 24 * * *") },
    { name: "minutes 57 and 2 are five apart across the hour", yaml: schedule("2,57 * * * *") },
  ],
  invalid: [
    { name: "issue 12: every minute of hours 0 and 12", yaml: schedule("* */12 * * *"), errors: [at(0)] },
    { name: "issue 12: every minute of one hour", yaml: schedule("* 3 * * 1"), errors: [at(0)] },
    { name: "issue 12: every minute, every two and every three", yaml: schedule("* * * * *", "*/2 * * * *", "*/3 * * * *"), errors: [at(0), at(1), at(2)] },
    { name: "issue 12: listed minutes too close, within the hour and across it", yaml: schedule("0,3,30 * * * *", "1,58 * * * *"), errors: [at(0), at(1)] },
  ],
});
