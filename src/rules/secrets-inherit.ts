import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "secrets-inherit",
  severity: "warning",
  summary: "A job passes every secret to a reusable workflow with `secrets: inherit`.",
  docs: {
    why: `\`secrets: inherit\` hands the called workflow every secret the caller can read, today's and any added
later. A compromised or careless called workflow then leaks all of them; named secrets limit that
to what it needs and make the dependency visible.
See [\`jobs.<job_id>.secrets.inherit\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsecretsinherit).`,
    invalid: `on: push
jobs:
  deploy:
    uses: octo-org/deploy/.github/workflows/deploy.yml@3d3c42e5aac5ba805825da76410c181273ba90b1
    secrets: inherit
`,
    valid: `on: push
jobs:
  deploy:
    uses: octo-org/deploy/.github/workflows/deploy.yml@3d3c42e5aac5ba805825da76410c181273ba90b1
    secrets:
      deploy-token: \${{ secrets.DEPLOY_TOKEN }}
`,
    fix: "Pass the secrets the called workflow declares, by name: `secrets: { deploy-token: ${{ secrets.DEPLOY_TOKEN }} }`.",
  },
  job({ job, path, report }) {
    if (job.raw["secrets"] !== "inherit") return;
    report({ path: [...path, "secrets"], message: `job "${job.id}" passes every secret to the called workflow`, hint: "pass only the secrets it declares, by name" });
  },
});
