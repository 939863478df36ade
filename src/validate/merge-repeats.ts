import type { Diagnostic } from "../diagnostics/diagnostic.js";

// What a message of GitHub's parser means, where another layer says the same: the reader's errors
// about a workflow's shape, which the schema (derived from the same definition) reports too, and
// the converter's checks that a rule also makes. A parser message not listed here means something
// no other layer says, and is never merged: a new wording in a parser upgrade shows twice rather
// than hiding anything.
// Most meanings merge at one line. The `needs` rules report at the job's id, where the parser
// reports at the `needs:` entry: a job's unknown need merges by the job (the parser's message names
// it), and a cycle, reported by the rule once per cycle at a job of its own choosing, by the file.
const PARSER_MEANINGS: readonly { meaning: string; message: RegExp; place?: "job" | "file" }[] = [
  {
    meaning: "schema",
    message: /^(?:Unexpected value '|Required property is missing: |A mapping was not expected|A sequence was not expected|Unexpected type '|There's not enough info to determine what you meant|A template expression is not allowed in this context|Expected one of uses or run to be defined|Invalid format for )/,
  },
  { meaning: "needs-unknown", message: /^Job '(.*)' depends on unknown job '/, place: "job" },
  { meaning: "needs-cycle", message: /^Job '.*' depends on job '.*' which creates a cycle in the dependency graph/, place: "file" },
  { meaning: "cron-invalid", message: /^Invalid cron expression/ },
];

/**
 * Merges the findings of different layers that say one thing at one place: GitHub's parser and
 * the schema or a rule often do, and then the parser's is dropped, since the others' messages name
 * the place in workflow terms and carry a hint. Only an error replaces the parser's (a warning
 * must never hide an error), and only one of the same meaning: every other finding stays, whatever
 * else was found in the file or at that place.
 */
export function mergeRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const said = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.rule === "parser" || diagnostic.severity !== "error") continue;
    said.add(`${placeOf(diagnostic)}\0${diagnostic.rule}`);
    const [section, job] = diagnostic.path ?? [];
    if (section === "jobs" && typeof job === "string") said.add(`job ${job.toLowerCase()}\0${diagnostic.rule}`);
    said.add(`file\0${diagnostic.rule}`);
  }
  if (said.size === 0) return diagnostics;
  return diagnostics.filter((diagnostic) => {
    if (diagnostic.rule !== "parser") return true;
    const entry = PARSER_MEANINGS.find((candidate) => candidate.message.test(diagnostic.message));
    if (entry === undefined) return true;
    const place = entry.place === "file" ? "file" : entry.place === "job" ? `job ${entry.message.exec(diagnostic.message)![1]!.toLowerCase()}` : placeOf(diagnostic);
    return !said.has(`${place}\0${entry.meaning}`);
  });
}

// The YAML line when known (every layer's findings are located by then), else the path. A line,
// not a column: the parser reports an unknown key at the key, the schema at its value.
function placeOf(diagnostic: Diagnostic): string {
  return diagnostic.line === undefined ? JSON.stringify(diagnostic.path ?? []) : String(diagnostic.line);
}
