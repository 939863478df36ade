import { describe, expect, it } from "vitest";
import { job, step, workflow } from "../../src/dsl/workflow.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { always, and, contains, eq, expr, format, github, inputsOf, defineTriggers, not, or, secrets, steps, success } from "../../src/expressions/index.js";
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
});
