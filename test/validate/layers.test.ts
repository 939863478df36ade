import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { mergeRepeats } from "../../src/validate/merge-repeats.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// Job ids GitHub refuses ("IDs must start with a letter or '_'"), one per job.
const BAD_IDS = ["-a", "-b", "-c", "-d", "-e", "-f"];
const job = (id: string, extra = "") => `  ${id}:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n${extra}    steps:\n      - run: make\n`;

// An empty container image (a schema error) beside six invalid job ids (the parser's converter).
const EMPTY_IMAGE_AND_BAD_IDS = `on: push\npermissions: {}\njobs:\n${job("build", '    container:\n      image: ""\n')}${BAD_IDS.map((id) => job(id)).join("")}`;
// A choice input without options (the converter) beside an unknown key (the schema and the reader).
const CHOICE_WITHOUT_OPTIONS = `on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: choice\npermissions: {}\njobs:\n${job("build", "    bogus: 1\n")}`;

// A broken expression (the parser) in a condition that reads a step no step is (a rule), at one place.
const BROKEN_CONDITION = "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n        if: steps.nope.outcome != 'skipped\n";

const where = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => `${diagnostic.line} ${diagnostic.rule}`);
const json = (stdout: string) => JSON.parse(stdout) as Diagnostic[];

describe("issue 9.11: each layer reports on its own", () => {
  it("issue 9.11: GitHub's parser reports its converter's findings beside its reader's errors", async () => {
    const diagnostics = await validateWithParser(EMPTY_IMAGE_AND_BAD_IDS, "ci.yml");
    expect(diagnostics.filter((diagnostic) => diagnostic.message.startsWith("The identifier '-"))).toHaveLength(BAD_IDS.length);
    expect(diagnostics.filter((diagnostic) => diagnostic.line === 8)).toHaveLength(1); // the empty image, once
    expect((await validateWithParser(CHOICE_WITHOUT_OPTIONS, "ci.yml")).map((diagnostic) => diagnostic.message)).toContain("Missing 'options' for choice input");
  });

  it("issue 9.11: what the converter says again about the token the reader reported is said once", async () => {
    const stepWithoutRun = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - shell: bash\n";
    const diagnostics = await validateWithParser(stepWithoutRun, "ci.yml");
    expect(diagnostics.map((diagnostic) => `${diagnostic.line}:${diagnostic.column}`)).toEqual(["6:9"]);
  });

  describe("across layers", () => {
    const parser = (line: number, message: string): Diagnostic => ({ rule: "parser", severity: "error", file: "ci.yml", line, column: 3, message });
    const other = (line: number, rule: string, severity: Diagnostic["severity"] = "error"): Diagnostic => ({ rule, severity, file: "ci.yml", line, column: 9, message: `${rule} finding` });

    it("issue 9.11: merges the parser's finding into one of the same meaning on the same line", () => {
      const merged = mergeRepeats([parser(4, "Unexpected value 'bogus'"), other(4, "schema"), parser(9, "Invalid cron expression '* *'"), other(9, "cron-invalid")]);
      expect(where(merged)).toEqual(["4 schema", "9 cron-invalid"]);
    });

    it("issue 12: merges the parser's unknown need, at the needs: entry, into the rule's at the same job's id", () => {
      const atJob = (line: number, job: string): Diagnostic => ({ ...other(line, "needs-unknown"), path: ["jobs", job] });
      const merged = mergeRepeats([atJob(6, "A"), parser(7, "Job 'a' depends on unknown job 'b'."), parser(12, "Job 'c' depends on unknown job 'b'.")]);
      // job c's finding has no rule finding beside it: it stays
      expect(where(merged)).toEqual(["6 needs-unknown", "12 parser"]);
    });

    it("issue 12: merges the parser's cycle into the rule's cycle anywhere in the file", () => {
      const merged = mergeRepeats([{ ...other(3, "needs-cycle"), path: ["jobs", "a"] }, parser(11, "Job 'b' depends on job 'a' which creates a cycle in the dependency graph.")]);
      expect(where(merged)).toEqual(["3 needs-cycle"]);
    });

    it("issue 9.11: keeps the parser's finding of another meaning, at the same place or not", () => {
      const kept = [
        parser(4, "The identifier '-a' is invalid. IDs may only contain alphanumeric characters"),
        other(4, "schema"),
        parser(8, "Unexpected symbol: ''Skipped) && success()'. Located at position 74 within expression"),
        other(8, "step-output-unknown"),
        parser(9, "Unexpected value 'bogus'"),
        other(9, "needs-unknown"),
        parser(12, "Job 'a' depends on unknown job 'b'."),
        other(13, "needs-unknown"),
      ];
      expect(mergeRepeats(kept)).toEqual(kept);
    });

    it("issue 9.11: a warning never merges an error away", () => {
      const findings = [parser(7, "Job 'a' depends on unknown job 'b'."), other(7, "needs-unknown", "warning")];
      expect(mergeRepeats(findings)).toEqual(findings);
    });
  });

  describe("the commands", () => {
    let repo: TempRepo;
    afterEach(async () => {
      await repo.dispose();
    });

    it("issue 9.11: lint shows the schema's error and every parser error of the file", async () => {
      repo = await createTempRepo({ ".github/workflows/ids.yml": EMPTY_IMAGE_AND_BAD_IDS, ".github/workflows/choice.yml": CHOICE_WITHOUT_OPTIONS, ".github/workflows/condition.yml": BROKEN_CONDITION });
      const result = await repo.run(["lint", "--format", "json"]);
      expect(result.code).toBe(ExitCode.Problems);
      const found = json(result.stdout);
      const ids = found.filter((diagnostic) => diagnostic.file === ".github/workflows/ids.yml");
      expect(ids.filter((diagnostic) => diagnostic.rule === "schema").map((diagnostic) => diagnostic.path)).toEqual([["jobs", "build", "container", "image"]]);
      expect(ids.filter((diagnostic) => diagnostic.rule === "parser" && diagnostic.message.startsWith("The identifier '-"))).toHaveLength(BAD_IDS.length);
      const choice = found.filter((diagnostic) => diagnostic.file === ".github/workflows/choice.yml");
      // the choice input's own line (4), not its `type:` (issue 12)
      expect(choice.map((diagnostic) => `${diagnostic.line} ${diagnostic.rule}`)).toEqual(["4 parser", "11 schema"]);
      expect(choice[0]!.message).toBe("Missing 'options' for choice input");
      const condition = found.filter((diagnostic) => diagnostic.file === ".github/workflows/condition.yml");
      expect(condition.map((diagnostic) => `${diagnostic.line} ${diagnostic.rule}`)).toEqual(["9 parser", "9 step-output-unknown"]);
    });

    it("issue 9.11: gen shows them too, at the TypeScript source", async () => {
      const source = `import { job, workflow } from "trunkline";
const step = { run: "make" };
export default workflow("ci", {
  on: { workflow_dispatch: { inputs: { level: { type: "choice" } as never } } },
  permissions: {},
  jobs: {
    build: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, container: { image: "" }, steps: [step] }),
${BAD_IDS.map((id) => `    "${id}": job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [step] }),`).join("\n")}
  },
});
`;
      repo = await createTempRepo({ "workflows-src/ci.ts": source });
      const result = await repo.run(["gen", "--format", "json"]);
      expect(result.code).toBe(ExitCode.SourceErrors);
      // the findings' JSON array, wherever gen prints it, beside its human summary
      const printed = result.stdout.trim() ? result.stdout : result.stderr;
      const found = json(printed.slice(printed.indexOf("["), printed.lastIndexOf("]") + 1));
      expect(found.filter((diagnostic) => diagnostic.rule === "schema").map((diagnostic) => diagnostic.path)).toEqual([["jobs", "build", "container", "image"]]);
      const identifiers = found.filter((diagnostic) => diagnostic.rule === "parser" && diagnostic.message.startsWith("The identifier '-"));
      expect(identifiers.map((diagnostic) => diagnostic.source?.line)).toEqual(BAD_IDS.map((_, index) => 8 + index));
      expect(found.some((diagnostic) => diagnostic.message === "Missing 'options' for choice input")).toBe(true);
      expect(await repo.read(".github/workflows/ci.yml")).toBeUndefined();
    });
  });
});
