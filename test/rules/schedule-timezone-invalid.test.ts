import rule from "../../src/rules/schedule-timezone-invalid.js";
import { testRule } from "./_test-rule.js";

const schedule = (...timezones: string[]) => `on:\n  schedule:\n${timezones.map((timezone) => `    - cron: '0 5 * * *'\n      timezone: ${timezone}\n`).join("")}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "IANA names, an alias and UTC", yaml: schedule("Europe/Berlin", "America/Argentina/Buenos_Aires", "US/Eastern", "UTC", "Etc/GMT+5") },
    { name: "no timezone", yaml: "on:\n  schedule:\n    - cron: '0 5 * * *'\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a timezone from an expression", yaml: schedule("${{ vars.TZ }}") },
  ],
  invalid: [
    {
      name: "issue 12: a made-up zone, local, a misspelt city and an empty name",
      yaml: schedule("Not/A/Timezone", "local", "Asia/Tokio", "''"),
      errors: [
        { path: ["on", "schedule", 0, "timezone"], line: 4, column: 17 },
        { path: ["on", "schedule", 1, "timezone"], line: 6, column: 17 },
        { path: ["on", "schedule", 2, "timezone"], line: 8, column: 17 },
        { path: ["on", "schedule", 3, "timezone"], line: 10, column: 17 },
      ],
    },
  ],
});
