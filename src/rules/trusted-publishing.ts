import type { Json } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { stepsWithin } from "./_nested-steps.js";
import { parseUses } from "./_uses.js";
import { isObject } from "./_workflow-view.js";

// Registries that accept a short-lived OIDC token from the workflow instead of a stored one:
// the command that publishes, and the variables it reads a stored token from.
const REGISTRIES: readonly { name: string; command: RegExp; tokens: readonly string[]; how: string }[] = [
  { name: "npm", command: /\b(npm|pnpm)\s+publish\b|\byarn\s+(npm\s+)?publish\b/, tokens: ["NODE_AUTH_TOKEN", "NPM_TOKEN"], how: "configure a trusted publisher for the package on npmjs.com, give the job permissions: { id-token: write } and drop the token (npm publish then also attaches provenance)" },
  { name: "PyPI", command: /\btwine\s+upload\b|\b(uv|poetry|hatch|flit)\s+publish\b/, tokens: ["TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "POETRY_PYPI_TOKEN_PYPI", "HATCH_INDEX_AUTH", "FLIT_PASSWORD"], how: "configure a trusted publisher on pypi.org, give the job permissions: { id-token: write } and publish with pypa/gh-action-pypi-publish (or uv publish --trusted-publishing always) without a password" },
  { name: "RubyGems", command: /\bgem\s+push\b/, tokens: ["GEM_HOST_API_KEY"], how: "configure a trusted publisher on rubygems.org, give the job permissions: { id-token: write } and publish with rubygems/release-gem" },
  { name: "crates.io", command: /\bcargo\s+publish\b/, tokens: ["CARGO_REGISTRY_TOKEN"], how: "configure trusted publishing on crates.io, give the job permissions: { id-token: write } and get the token from rust-lang/crates-io-auth-action" },
];

export default defineRule({
  id: "trusted-publishing",
  severity: "warning",
  summary: "A package is published with a long-lived registry token where the registry accepts trusted publishing (OIDC).",
  docs: {
    why: `A registry token stored as a secret lives until someone revokes it, and whoever reads it — from a
compromised step, a leaked log, a copied secret — can publish in your name from anywhere. PyPI, npm,
RubyGems and crates.io accept *trusted publishing* instead: the job asks GitHub for a short-lived OIDC
token naming this repository and workflow, and the registry trades it for an upload right valid
for minutes. There is no secret left to steal, and npm and PyPI record where each release was built.
See [OpenID Connect in GitHub Actions](https://docs.github.com/actions/concepts/security/openid-connect),
[PyPI trusted publishers](https://docs.pypi.org/trusted-publishers/) and [npm trusted publishing](https://docs.npmjs.com/trusted-publishers).`,
    invalid: `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
        with:
          password: \${{ secrets.PYPI_API_TOKEN }}
`,
    valid: `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
`,
    fix: "Register the repository and workflow as a trusted publisher on the registry, give the publishing job `permissions: { id-token: write }`, and remove the token: `pypa/gh-action-pypi-publish` without `password:`; `npm publish` without `NODE_AUTH_TOKEN` (npm 11.5 or later); `rubygems/release-gem`; `rust-lang/crates-io-auth-action` before `cargo publish`. Then delete the stored token on the registry.",
  },
  step({ step, job, workflow, report }) {
    for (const at of stepsWithin(step)) {
      const target = typeof at.raw["uses"] === "string" ? parseUses(at.raw["uses"]) : undefined;
      const inputs = at.raw["with"];
      if (target?.kind === "remote" && `${target.owner}/${target.repo}`.toLowerCase() === "pypa/gh-action-pypi-publish" && isObject(inputs)) {
        const key = Object.keys(inputs).find((name) => name.toLowerCase() === "password");
        if (key !== undefined && inputs[key] !== "") {
          report({
            path: [...at.path, "with", key],
            message: "this step uploads to PyPI with a stored API token, which anyone who reads it can use to publish until it is revoked",
            hint: "configure a trusted publisher on pypi.org, give the job permissions: { id-token: write } and remove password:",
          });
        }
      }
      const run = at.raw["run"];
      if (typeof run !== "string") continue;
      const envs = [workflow.raw["env"], job.raw["env"], at.raw["env"]];
      for (const registry of REGISTRIES) {
        if (!registry.command.test(run)) continue;
        const token = registry.tokens.find((name) => envs.some((env) => holdsSecret(env, name)) || run.includes(`${name}=\${{ secrets.`));
        if (!token) continue;
        report({
          path: [...at.path, "run"],
          message: `this script publishes to ${registry.name} with a stored token (${token}), which anyone who reads it can use to publish until it is revoked`,
          hint: registry.how,
        });
      }
    }
  },
});

// Whether an `env:` mapping sets `name` from a secret.
function holdsSecret(env: Json | undefined, name: string): boolean {
  if (!isObject(env)) return false;
  const value = env[name];
  return typeof value === "string" && /\$\{\{[^}]*\bsecrets\b/i.test(value);
}
