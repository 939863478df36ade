import { type ProjectFacts, defineRule } from "./_define-rule.js";
import { isCommitSha, parseUses } from "./_uses.js";

export default defineRule({
  id: "unpinned-action",
  severity: "error",
  summary: "A third-party action or reusable workflow is used by tag or branch instead of a full commit SHA.",
  fixable: true,
  docs: {
    why: `A tag or branch can be moved to other code at any time by whoever controls the repository — or by
an attacker who took it over, as happened to \`tj-actions/changed-files\` in 2025. A full commit SHA is
the only reference that cannot change under you.
See [using third-party actions](https://docs.github.com/actions/reference/security/secure-use#using-third-party-actions).`,
    invalid: `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: octo-org/lint-action@v2
`,
    valid: `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: octo-org/lint-action@3d3c42e5aac5ba805825da76410c181273ba90b1 # v2.1.0
`,
    fix: "Pin to the full 40-character commit SHA of the release and keep the tag in a comment (`@<sha> # v2.1.0`) so updates stay readable; Dependabot and Renovate update such pins.",
    options: "- `allowTagPins` (default `[\"actions/*\"]`): `owner/repo` or `owner/*` entries that may be used by tag — GitHub's own actions by default. Set `[]` to require SHAs everywhere.",
  },
  options: { allowTagPins: ["actions/*"] as readonly string[] },
  job({ job, path, options, project, report }) {
    const uses = job.raw["uses"];
    if (typeof uses === "string") check(uses, [...path, "uses"], options.allowTagPins, project.lockedActions, report);
  },
  step({ step, path, options, project, report }) {
    if (step.uses !== undefined) check(step.uses, [...path, "uses"], options.allowTagPins, project.lockedActions, report);
  },
});

function check(uses: string, path: (string | number)[], allowTagPins: readonly string[], locked: ProjectFacts["lockedActions"], report: (finding: { path: (string | number)[]; message: string; hint: string }) => void): void {
  const target = parseUses(uses);
  if (target?.kind !== "remote" || isCommitSha(target.ref) || target.ref.includes("${{")) return;
  const name = `${target.owner}/${target.repo}`.toLowerCase();
  if (allowTagPins.some((pattern) => pattern.toLowerCase() === name || pattern.toLowerCase() === `${target.owner.toLowerCase()}/*`)) return;
  const key = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  // the lockfile knows the commit: name it, so the fix is a paste (or the typed binding)
  const pin = locked?.get(key);
  report({
    path,
    message: `${uses} is pinned to "${target.ref}", which its owner (or whoever takes the repository over) can move to other code`,
    hint: pin
      ? `use the commit trunkline.actions.lock.json locks: ${key}@${pin.sha} # ${pin.tag} (in TypeScript, its binding from workflows-src/actions/)`
      : `pin the full commit SHA of that release: ${key}@<40-character sha> # ${target.ref} (trunkline actions add ${key}@${target.ref} locks it)`,
  });
}
