import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "schedule-timezone-invalid",
  severity: "error",
  summary: "A schedule's `timezone` is not an IANA time zone name (`Asia/Tokio`, `local`), so the schedule cannot run in it.",
  docs: {
    why: `\`on.schedule[].timezone\` makes a cron run by the clock of a time zone, named the IANA way
(\`Europe/Berlin\`, \`America/New_York\`). A misspelt or made-up name (\`Europe/Berln\`, \`local\`, \`CET+1\`)
names no zone, so the schedule cannot run as written. Names are checked against the time zone data
of the Node.js that runs trunkline; \`UTC\` is one of them.
See [\`on.schedule\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule).`,
    invalid: `on:
  schedule:
    - cron: "30 7 * * 1-5"
      timezone: Europe/Berln
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: ./report.sh
`,
    valid: `on:
  schedule:
    - cron: "30 7 * * 1-5"
      timezone: Europe/Berlin
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: ./report.sh
`,
    fix: "Use the zone's IANA name, `Area/City` (the list: https://en.wikipedia.org/wiki/List_of_tz_database_time_zones), or remove `timezone` to run by UTC.",
  },
  workflow({ workflow, report }) {
    const on = workflow.raw["on"];
    const schedule = workflow.triggers.has("schedule") && isObject(on) ? on["schedule"] : undefined;
    if (!Array.isArray(schedule)) return;
    schedule.forEach((entry, index) => {
      const timezone = isObject(entry) ? entry["timezone"] : undefined;
      if (typeof timezone !== "string" || timezone.includes("${{") || isTimeZone(timezone)) return;
      report({
        path: ["on", "schedule", index, "timezone"],
        message: timezone.trim() === "" ? "timezone is empty, which names no time zone" : `timezone "${timezone}" is not an IANA time zone name`,
        hint: "name the zone as Area/City, e.g. Europe/Berlin or America/New_York, or remove timezone to run by UTC",
      });
    });
  },
});

// Node's own time zone data (ICU) knows every IANA name and alias.
function isTimeZone(name: string): boolean {
  if (name.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
