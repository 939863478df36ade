import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { actionlint, type ActionlintFinding } from "./actionlint.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const okDir = path.resolve(repoRoot, "../shared/corpora/actionlint-ok");
const isCorpusPresent = existsSync(okDir);

if (!isCorpusPresent) {
  console.info(`actionlint corpus skipped: ${okDir} is absent (it lives beside the repository, not in it)`);
}

function workflow(runsOn: string, run: string): string {
  return ["on: push", "jobs:", "  test:", `    runs-on: ${runsOn}`, "    steps:", `      - run: ${run}`, ""].join("\n");
}

describe("actionlint harness", () => {
  it("finds nothing in a clean workflow", async () => {
    expect(await actionlint([{ path: "clean.yml", text: workflow("ubuntu-latest", "echo hi") }])).toEqual([]);
  });

  it("reports untrusted input in run: as an expression finding at its line", async () => {
    const text = workflow("ubuntu-latest", 'echo "${{ github.event.pull_request.title }}"');
    const findings = await actionlint([{ path: "inject.yml", text }]);
    expect(findings.map(({ path, line, kind }) => ({ path, line, kind }))).toEqual([
      { path: "inject.yml", line: 6, kind: "expression" },
    ]);
  });

  it("filters an unknown runner label only when it is allowed", async () => {
    const files = [
      { path: "custom.yml", text: workflow("my-runner", "echo hi") },
      { path: "other.yml", text: workflow("other-runner", "echo hi") },
    ];
    // One child per call, so both cases share this batch's start-up.
    const [plain, allowed] = await Promise.all([
      actionlint(files),
      actionlint(files, { allowRunnerLabels: ["my-runner"] }),
    ]);
    const where = (findings: ActionlintFinding[]) => findings.map(({ path, line, kind }) => ({ path, line, kind }));
    expect(where(plain)).toEqual([
      { path: "custom.yml", line: 4, kind: "runner-label" },
      { path: "other.yml", line: 4, kind: "runner-label" },
    ]);
    expect(where(allowed)).toEqual([{ path: "other.yml", line: 4, kind: "runner-label" }]);
  });

  it("kills the linter and says so when it runs out of time", async () => {
    await expect(actionlint([{ path: "slow.yml", text: "on: push\n" }], { timeoutMs: 1 })).rejects.toThrow(
      /did not finish within 1 ms/,
    );
  });
});

// actionlint's own testdata/ok: these must lint clean with the default configuration.
const NEEDS_SHELLCHECK = "needs shellcheck, which the WASM build does not run: it would pass without checking";
const NEEDS_NEWER = "needs an actionlint newer than 1.7.7, the version in the WASM build:";

/** Every actionlint-ok file we do not hold to zero findings, with why: the one list of skips. */
const SKIPS: Record<string, string> = {
  "issue-355-shellcheck-sc2043.yaml": NEEDS_SHELLCHECK,
  "issue-409-shellcheck-default-shell.yaml": NEEDS_SHELLCHECK,
  "issue-53-shellcheck-sc2154.yaml": NEEDS_SHELLCHECK,
  "issue-573_shellcheck_SC2153.yaml": NEEDS_SHELLCHECK,
  "shellcheck_detect_shell_from_runner.yaml": NEEDS_SHELLCHECK,
  "shellcheck_job_default_shell.yaml": NEEDS_SHELLCHECK,
  "shellcheck_step_shell.yaml": NEEDS_SHELLCHECK,
  "shellcheck_workflow_default_shell.yaml": NEEDS_SHELLCHECK,
  "pyflakes_python_shell.yaml": "needs pyflakes, which the WASM build does not run: it would pass without checking",
  "anchors.yaml": `${NEEDS_NEWER} YAML anchors and aliases, the ubuntu-slim runner`,
  "container_syntax.yaml": `${NEEDS_NEWER} entrypoint and command on services`,
  "custom_images.yaml": `${NEEDS_NEWER} the job-level snapshot key`,
  "snapshot_image_name_only.yaml": `${NEEDS_NEWER} the job-level snapshot key`,
  "snapshot_name_and_version.yaml": `${NEEDS_NEWER} the job-level snapshot key`,
  "events_with_no_config.yaml": `${NEEDS_NEWER} the image_version event, repository_dispatch in an event list`,
  "image_version_event.yaml": `${NEEDS_NEWER} the image_version event`,
  "image_version_event_names_only.yaml": `${NEEDS_NEWER} the image_version event`,
  "image_version_event_versions_only.yaml": `${NEEDS_NEWER} the image_version event`,
  "issue-523_matrix_superset.yaml": `${NEEDS_NEWER} a matrix exclude/include fix (false "duplicate value")`,
  "issue-590-expression-at-credentials.yaml": `${NEEDS_NEWER} an expression as container credentials`,
  "multi_labels_no_conflict.yaml": `${NEEDS_NEWER} ubuntu-24.04 with ubuntu-latest in one runs-on`,
  "schedule_timezone.yaml": `${NEEDS_NEWER} timezone in schedule`,
  "workflow_dispatch_25_inputs.yaml": `${NEEDS_NEWER} 25 workflow_dispatch inputs (was 10)`,
};

describe.skipIf(!isCorpusPresent)("actionlint-ok corpus", () => {
  const names = isCorpusPresent ? readdirSync(okDir).filter((name) => name.endsWith(".yaml")).sort() : [];
  const checked = names.filter((name) => !(name in SKIPS));
  const tooNew = names.filter((name) => SKIPS[name]?.startsWith(NEEDS_NEWER));
  const byFile = new Map<string, ActionlintFinding[]>();

  // One batch for the whole folder: the linter's start-up is paid once.
  beforeAll(async () => {
    const files = [...checked, ...tooNew].map((name) => ({
      path: name,
      text: readFileSync(path.join(okDir, name), "utf8"),
    }));
    for (const finding of await actionlint(files)) {
      byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), finding]);
    }
  });

  it("lists only files that exist", () => {
    expect(Object.keys(SKIPS).filter((name) => !names.includes(name))).toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
  });

  for (const [name, reason] of Object.entries(SKIPS)) it.skip(`${name}: ${reason}`, () => {});

  it.each(checked)("%s has no findings", (name) => {
    expect(byFile.get(name) ?? []).toEqual([]);
  });

  // When the linter is upgraded, this names the skips that are no longer needed.
  it("still needs each newer-actionlint skip", () => {
    expect(tooNew.filter((name) => !byFile.has(name))).toEqual([]);
  });
});
