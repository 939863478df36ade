// A 200-job workflow with typed data flow between its jobs type-checks, with no "excessively deep"
// error: the typed contexts cost per job, not per pair of jobs.
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILE = path.join(REPO_ROOT, "test/types/__scale__.ts");
const JOBS = 200;

function source(): string {
  const lines = [
    `import { defineTriggers, eq, expr, github, inputsOf, job, jobSteps, step, workflow } from "../../src/index.js";`,
    `const on = defineTriggers({ push: { branches: ["main"] }, workflow_dispatch: { inputs: { dryrun: { type: "boolean" } } } });`,
    `const inputs = inputsOf(on);`,
    `const job0 = job({ "runs-on": "ubuntu-latest", outputs: { version: "\${{ steps.v.outputs.version }}" }, steps: [step({ id: "v", run: "make version" })] });`,
  ];
  for (let index = 1; index < JOBS; index++) {
    // each job needs the one before and the first, reads their outputs, and has a matrix of its own
    const needs = index === 1 ? "{ job0 }" : `{ job0, job${index - 1} }`;
    // each job's steps read the ones before them and its needs and matrix; the job's outputs map one
    lines.push(
      `const job${index} = job.using({ needs: ${needs}, strategy: { matrix: { os: ["ubuntu-latest", "macos-latest"], shard: [1, 2, 3], include: [{ os: "ubuntu-latest", extra: true }] } } }, ({ needs, matrix }) => {`,
      `  const built = jobSteps()`,
      `    .add(step({ id: "image", run: "make image" }, { outputs: ["digest", "tag"] }))`,
      `    .add(({ steps }) => step({ id: "push", run: expr\`push \${steps.image.outputs.tag} \${github.event.pull_request.number}\` }))`,
      `    .add(({ steps }) => step({ if: eq(steps.push.outcome, "success"), run: expr\`echo \${needs.job${index - 1}.outputs.version} \${matrix.shard} \${steps.image.outputs.digest}\` }));`,
      `  return {`,
      `    "runs-on": matrix.os,`,
      `    if: eq(inputs.dryrun, false),`,
      `    outputs: { version: needs.job0.outputs.version, digest: built.steps.image.outputs.digest },`,
      `    steps: built,`,
      `  };`,
      `});`,
    );
  }
  lines.push(`export default workflow("big", { on, jobs: { ${Array.from({ length: JOBS }, (_, index) => `job${index}`).join(", ")} } });`);
  return lines.join("\n");
}

describe("type-check cost", () => {
  it(`issue 10.2: a ${JOBS}-job workflow with typed needs, matrix, inputs and steps type-checks with no error`, () => {
    const text = source();
    const { config } = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => (name === FILE ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === FILE || fileExists(name);
    const program = ts.createProgram({ rootNames: [FILE], options: { ...options, noEmit: true }, host });
    const file = program.getSourceFile(FILE)!;
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
