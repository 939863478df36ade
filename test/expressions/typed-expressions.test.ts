import { describe, expect, it } from "vitest";
import { jobSteps } from "../../src/dsl/job-steps.js";
import { job, step, workflow } from "../../src/dsl/workflow.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { always, and, contains, eq, expr, format, github, inputsOf, defineTriggers, not, or, secrets, secretsOf, steps, success } from "../../src/expressions/index.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import * as golden from "../golden/typed-expressions/source.js";

function compileExports(exports: Record<string, unknown>, file = "test/expressions/source.ts") {
  const { workflows, diagnostics } = normalizeSource({ file, exports });
  expect(diagnostics).toEqual([]);
  return workflows.map((built) => ({ model: built.model, text: emitYaml(built.model, file) }));
}

describe("typed expressions", () => {
  it("issue 10.2: a workflow written with the typed forms passes GitHub's parser and the schema", async () => {
    const [built] = compileExports({ ...golden }, "test/golden/typed-expressions/source.ts");
    expect(validateSchema(built!.model, "release.yml")).toEqual([]);
    expect(await validateWithParser(built!.text, "release.yml")).toEqual([]);
  });

  it("issue 10.2: writes what a careful person writes: dots where GitHub's grammar allows, quotes doubled, parentheses only where needed", () => {
    const text = (value: { toString(): string }) => String(value);
    expect(text(github.event.pull_request.number)).toBe("${{ github.event.pull_request.number }}");
    expect(text(steps["my-step"]!.outputs["a.b"]!)).toBe("${{ steps.my-step.outputs['a.b'] }}");
    expect(text(secrets["true"]!)).toBe("${{ secrets['true'] }}");
    expect(text(eq(github.ref, "it's"))).toBe("${{ github.ref == 'it''s' }}");
    expect(text(and(success(), or(eq(github.event_name, "push"), not(contains(github.ref, "tags")))))).toBe(
      "${{ success() && (github.event_name == 'push' || !contains(github.ref, 'tags')) }}",
    );
    expect(text(and(always(), eq(github.ref, "refs/heads/main"), github.event.pull_request.draft))).toBe("${{ always() && github.ref == 'refs/heads/main' && github.event.pull_request.draft }}");
    expect(text(not(eq(github.ref, "x")))).toBe("${{ !(github.ref == 'x') }}");
    expect(text(format("{0}-{1}", github.sha, 1))).toBe("${{ format('{0}-{1}', github.sha, 1) }}");
    expect(text(expr`v${github.run_number}-${"rc"}`)).toBe("v${{ github.run_number }}-rc");
  });

  it("issue 10.3: job.using writes `needs` as the jobs' ids and the strategy as given; needs, matrix and inputs read by name", () => {
    const on = defineTriggers({ workflow_dispatch: { inputs: { target: { type: "choice", options: ["staging", "prod"] } } } });
    const inputs = inputsOf(on);
    const build = job({ "runs-on": "ubuntu-latest", outputs: { image: "${{ steps.push.outputs.image }}" }, steps: [step({ id: "push", run: "make push" })] });
    const deploy = job.using({ needs: { build }, strategy: { matrix: { region: ["eu", "us"] } } }, ({ needs, matrix }) => ({
      "runs-on": "ubuntu-latest",
      environment: inputs.target,
      steps: [step({ run: expr`deploy ${needs.build.outputs.image} --region ${matrix.region}` })],
    }));
    const [built] = compileExports({ default: workflow("deploy", { on, jobs: { build, deploy } }) });
    expect(built!.model.jobs).toMatchObject({
      deploy: {
        needs: ["build"],
        strategy: { matrix: { region: ["eu", "us"] } },
        environment: "${{ inputs.target }}",
        steps: [{ run: "deploy ${{ needs.build.outputs.image }} --region ${{ matrix.region }}" }],
      },
    });
  });

  it("issue 10.5: strings stay accepted beside the typed forms", () => {
    const plain = job({ "runs-on": "${{ vars.RUNNER }}", if: "github.event_name == 'push'", steps: [step({ run: "echo ${{ github.sha }}" })] });
    const [built] = compileExports({ default: workflow("plain", { on: "push", jobs: { plain } }) });
    expect(built!.model.jobs).toMatchObject({ plain: { "runs-on": "${{ vars.RUNNER }}", if: "github.event_name == 'push'" } });
  });

  it("issue 10.3: jobSteps writes the steps in order and nothing else; a step reads earlier steps, the job's outputs read them all, a later job reads those", async () => {
    const built = jobSteps()
      .add(step({ id: "version", run: 'echo "tag=v1" >> "$GITHUB_OUTPUT"' }, { outputs: ["tag"] }))
      .add(({ steps }) => step({ id: "notes", run: expr`make notes TAG=${steps.version.outputs.tag}` }))
      .add(({ steps }) => step({ if: eq(steps.notes.outcome, "success"), run: "make publish" }));
    const release = job({ "runs-on": "ubuntu-latest", outputs: { tag: built.steps.version.outputs.tag }, steps: built });
    const announce = job.using({ needs: { release } }, ({ needs }) => ({ "runs-on": "ubuntu-latest", steps: [step({ run: expr`announce ${needs.release.outputs.tag}` })] }));
    const [compiled] = compileExports({ default: workflow("release", { on: "push", jobs: { release, announce } }) });
    expect(compiled!.model.jobs).toEqual({
      release: {
        "runs-on": "ubuntu-latest",
        outputs: { tag: "${{ steps.version.outputs.tag }}" },
        steps: [
          { id: "version", run: 'echo "tag=v1" >> "$GITHUB_OUTPUT"' },
          { id: "notes", run: "make notes TAG=${{ steps.version.outputs.tag }}" },
          { if: "${{ steps.notes.outcome == 'success' }}", run: "make publish" },
        ],
      },
      announce: { "runs-on": "ubuntu-latest", needs: ["release"], steps: [{ run: "announce ${{ needs.release.outputs.tag }}" }] },
    });
    expect(await validateWithParser(compiled!.text, "release.yml")).toEqual([]);
    // adding returns a new list: a sequence built on is never changed under an earlier user
    expect(built.add(step({ run: "make more" }))).toHaveLength(4);
    expect(built).toHaveLength(3);
  });

  it("issue 10.3: secretsOf reads the secrets workflow_call declares by name", () => {
    const secretsOfCall = secretsOf(defineTriggers({ workflow_call: { secrets: { NPM_TOKEN: { required: true } } } }));
    expect(String(secretsOfCall.NPM_TOKEN)).toBe("${{ secrets.NPM_TOKEN }}");
    expect(String(secretsOfCall.GITHUB_TOKEN)).toBe("${{ secrets.GITHUB_TOKEN }}");
  });
});
