import rule from "../../src/rules/cron-invalid.js";
import { testRule } from "./_test-rule.js";

const schedule = (...crons: string[]) => `on:\n  schedule:\n${crons.map((cron) => `    - cron: "${cron}"\n`).join("")}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "common schedules", yaml: schedule("0 0 * * *", "*/15 9-17 * * MON-FRI", "30 5 1,15 * *", "0 0 29 2 *", "0 12 * JAN,JUL sun") },
    { name: "a day every month has, with a day of week (either matches)", yaml: schedule("0 0 31 2 1") },
  ],
  invalid: [
    {
      name: "the schedule event named with no cron, as text and in a list",
      yaml: "on: schedule\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [{ path: ["on"], line: 1, column: 5 }],
    },
    { name: "the schedule event in a list of events", yaml: "on: [push, schedule]\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n", errors: [{ path: ["on", 1], line: 1, column: 12 }] },
    { name: "an hour out of range", yaml: schedule("0 24 * * *"), errors: [{ path: ["on", "schedule", 0, "cron"], line: 3, column: 13 }] },
    { name: "four fields, and a shortcut", yaml: schedule("0 0 * *", "@daily"), errors: [{ path: ["on", "schedule", 0, "cron"], line: 3, column: 13 }, { path: ["on", "schedule", 1, "cron"], line: 4, column: 13 }] },
    { name: "a backwards range and a zero step", yaml: schedule("0 17-9 * * *", "*/0 * * * *"), errors: [{ path: ["on", "schedule", 0, "cron"], line: 3, column: 13 }, { path: ["on", "schedule", 1, "cron"], line: 4, column: 13 }] },
    { name: "issue 12.2: an empty schedule, at the schedule", yaml: "on:\n  schedule: []\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n", errors: [{ path: ["on", "schedule"], line: 2, column: 3 }] },
    { name: "February 30th never comes", yaml: schedule("0 0 30 2 *"), errors: [{ path: ["on", "schedule", 0, "cron"], line: 3, column: 13 }] },
    { name: "day 31 in months of 30 days", yaml: schedule("0 0 31 4,6,9,11 *"), errors: [{ path: ["on", "schedule", 0, "cron"], line: 3, column: 13 }] },
  ],
});
