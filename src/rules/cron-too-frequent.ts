import { FIELDS, cronProblem, expand, scheduleCrons } from "./_cron.js";
import { defineRule } from "./_define-rule.js";

// GitHub starts scheduled runs at most this often, whatever the expression says.
const SHORTEST_INTERVAL_MINUTES = 5;

export default defineRule({
  id: "cron-too-frequent",
  severity: "warning",
  summary: "A schedule asks for runs closer together than GitHub's 5 minutes, or runs every minute of an hour where once was surely meant (`* */12 * * *`).",
  docs: {
    why: `GitHub runs a schedule at most once every 5 minutes, and delays or drops runs when load is high:
an expression that asks for more (\`* * * * *\`, \`*/2 * * * *\`) does not get it, and reads as a promise
the workflow does not keep. A \`*\` in the minute field with a chosen hour is a different mistake:
\`* */12 * * *\` means every minute of hours 0 and 12, sixty runs where \`0 */12 * * *\` (once at each
of those hours) was almost certainly meant.
See [\`on.schedule\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule).`,
    invalid: `on:
  schedule:
    - cron: "* */12 * * *"
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - run: make sync
`,
    valid: `on:
  schedule:
    - cron: "0 */12 * * *"
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - run: make sync
`,
    fix: "Pick the minute: `0 */12 * * *` runs at 00:00 and 12:00. For frequent runs, ask for what GitHub gives: `*/5 * * * *` at most, better `*/15` or more; anything more frequent belongs in a long-running service, not a schedule.",
  },
  workflow({ workflow, report }) {
    for (const { cron, path } of scheduleCrons(workflow)) {
      // a malformed expression is cron-invalid's
      if (cronProblem(cron) !== undefined) continue;
      const [minute, hour] = cron.trim().split(/\s+/) as [string, string];
      if (minute === "*" && hour !== "*") {
        report({ path, message: `cron "${cron}" runs every minute of each hour it names (${describeHours(hour)}), not once`, hint: `to run once at the start of those hours, write "0 ${cron.trim().split(/\s+/).slice(1).join(" ")}"` });
        continue;
      }
      const gap = shortestGap(expand(minute, FIELDS[0]!), expand(hour, FIELDS[1]!));
      if (gap < SHORTEST_INTERVAL_MINUTES) {
        report({ path, message: `cron "${cron}" asks for runs ${gap} minute${gap === 1 ? "" : "s"} apart, but GitHub runs a schedule at most every ${SHORTEST_INTERVAL_MINUTES} minutes`, hint: `space the minutes at least ${SHORTEST_INTERVAL_MINUTES} apart, e.g. "*/${SHORTEST_INTERVAL_MINUTES} ${cron.trim().split(/\s+/).slice(1).join(" ")}"` });
      }
    }
  },
});

function describeHours(hour: string): string {
  const hours = [...expand(hour, FIELDS[1]!)];
  return hours.length > 4 ? `${hours.length} hours a day` : hours.map((value) => `${String(value).padStart(2, "0")}:00-${String(value).padStart(2, "0")}:59`).join(", ");
}

// The fewest minutes between two runs: within an hour, and from the last minute of one hour to the
// first of the next when both hours run.
function shortestGap(minutes: ReadonlySet<number>, hours: ReadonlySet<number>): number {
  const sorted = [...minutes].sort((a, b) => a - b);
  let gap = Infinity;
  for (let index = 1; index < sorted.length; index++) gap = Math.min(gap, sorted[index]! - sorted[index - 1]!);
  const nextHourRuns = [...hours].some((value) => hours.has((value + 1) % 24));
  if (nextHourRuns) gap = Math.min(gap, 60 - sorted.at(-1)! + sorted[0]!);
  return gap;
}
