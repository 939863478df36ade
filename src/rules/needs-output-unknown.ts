import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { type Reference, formatReference } from "./_expressions.js";
import { type JobView, type WorkflowView, expressionsIn, isObject, objectAt } from "./_workflow-view.js";

export default defineRule({
  id: "needs-output-unknown",
  severity: "error",
  summary: "An expression reads an output of a job that is not needed, or that the job does not declare.",
  docs: {
    why: `\`needs.<job>.outputs.<name>\` is only filled for jobs listed in the job's own \`needs\`, and only for
outputs that job declares under \`outputs\`. Anything else evaluates to an empty string without an
error, so a deploy silently runs with an empty version or image tag.
See [the \`needs\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#needs-context)
and [\`jobs.<job_id>.outputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idoutputs).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy "$VERSION"
        env:
          VERSION: \${{ needs.build.outputs.tag }}
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy "$VERSION"
        env:
          VERSION: \${{ needs.build.outputs.version }}
`,
    fix: `Add the job to \`needs\`, or read an output the job declares (or declare it). Outputs of a job that
calls a reusable workflow come from that workflow: \`workflow-call-mismatch\` checks them when it is a
workflow of this repository. The same holds for
\`jobs.<job>.outputs.<name>\` in \`on.workflow_call.outputs\`.`,
  },
  job({ job, workflow, report }) {
    const seen = new Set<string>();
    for (const use of job.expressions) {
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          if (reference.root !== "needs") continue;
          const problem = checkNeedsReference(reference, job, workflow);
          const key = `${use.path.join("\0")}\0${formatReference(reference)}`;
          if (!problem || seen.has(key)) continue;
          seen.add(key);
          report({ path: use.path, ...problem });
        }
      }
    }
  },
  workflow({ workflow, report }) {
    const outputs = objectAt(objectAt(objectAt(workflow.raw, "on"), "workflow_call"), "outputs");
    if (!outputs) return;
    for (const use of expressionsIn(outputs, ["on", "workflow_call", "outputs"])) {
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          if (reference.root !== "jobs") continue;
          const [jobId, kind, name] = reference.segments;
          if (typeof jobId !== "string" || jobId === "*") continue;
          const job = workflow.job(jobId);
          if (!job) {
            report({ path: use.path, message: `${formatReference(reference)} reads job "${jobId}", which is not in this workflow`, hint: jobHint(jobId, workflow) });
            continue;
          }
          if (kind === "outputs" && typeof name === "string" && name !== "*") {
            const problem = checkOutputName(job, name, formatReference(reference));
            if (problem) report({ path: use.path, ...problem });
          }
        }
      }
    }
  },
});

function checkNeedsReference(reference: Reference, job: JobView, workflow: WorkflowView): { message: string; hint: string } | undefined {
  const [neededId, kind, name] = reference.segments;
  if (typeof neededId !== "string" || neededId === "*") return undefined;
  const text = formatReference(reference);
  const needed = workflow.job(neededId);
  if (!needed) return { message: `job "${job.id}" reads ${text}, but there is no job "${neededId}"`, hint: jobHint(neededId, workflow) };
  if (!job.needs.some((need) => need.id.toLowerCase() === neededId)) {
    return {
      message: `job "${job.id}" reads ${text}, but does not need "${needed.id}", so the value is always empty`,
      hint: `add "${needed.id}" to the needs of "${job.id}"`,
    };
  }
  if (kind !== "outputs" || typeof name !== "string" || name === "*") return undefined;
  return checkOutputName(needed, name, text);
}

function checkOutputName(job: JobView, name: string, text: string): { message: string; hint: string } | undefined {
  // a reusable workflow's outputs are declared in the called file, which is not read here
  if (job.isCall) return undefined;
  const declared = isObject(job.raw["outputs"]) ? Object.keys(job.raw["outputs"]) : [];
  if (declared.some((output) => output.toLowerCase() === name)) return undefined;
  const suggestion = suggestName(name, declared);
  return {
    message: `${text} is not an output of job "${job.id}", so the value is always empty`,
    hint: suggestion ? `did you mean "${suggestion}"?` : declared.length ? `"${job.id}" declares ${declared.map((output) => `"${output}"`).join(", ")}` : `declare it under jobs.${job.id}.outputs`,
  };
}

function jobHint(id: string, workflow: WorkflowView): string {
  const suggestion = suggestName(id, workflow.jobs.map((job) => job.id));
  return suggestion ? `did you mean "${suggestion}"?` : "name a job of this workflow";
}
