import { type RepositoryFacts, frozenInstall, runScript } from "./repository.js";

/** Where `trunkline init` writes the CI source. */
export const CI_SOURCE = "workflows-src/ci.ts";

interface StepText {
  name: string;
  uses?: string;
  with?: Record<string, string | number>;
  run?: string;
}

interface CheckText {
  id: string;
  name: string;
  steps: StepText[];
}

/**
 * The text of `workflows-src/ci.ts`: a `trunkBasedCi` with one check per ecosystem found, and the
 * step that fails CI when a generated workflow no longer matches its source.
 */
export function ciSource(facts: RepositoryFacts): string {
  const checks = ciChecks(facts);
  const checksText = checks
    .map((check) => `    ${check.id}: {\n      name: ${JSON.stringify(check.name)},\n      steps: [\n${check.steps.map((step) => `        ${stepText(step)},\n`).join("")}      ],\n    },\n`)
    .join("");
  return `// CI for this repository: pull requests into ${facts.trunk} and pushes to it, one required gate.
// Written by \`trunkline init\`; edit it freely, then run \`${runScript(facts.packageManager, "gen")}\` (README "Templates").
import { pinnedAction } from "trunkline";
import { trunkBasedCi } from "trunkline/templates";

export const ci = trunkBasedCi({
  runsOn: "ubuntu-latest",
  trunk: ${JSON.stringify(facts.trunk)},
  checks: {
${checksText}  },
});
`;
}

function ciChecks(facts: RepositoryFacts): CheckText[] {
  const checks: CheckText[] = [];
  const checkStep: StepText = { name: "Generated workflows are up to date", run: facts.checkCommand };
  if (facts.node) {
    checks.push({ id: "node", name: "Node", steps: [...nodeSetup(facts), ...(facts.node.test ? [{ name: "Test", run: `${facts.packageManager} test` }] : []), checkStep] });
  }
  if (facts.python) {
    const install = [
      ...(facts.python.requirements ? [{ name: "Install", run: "python -m pip install -r requirements.txt" }] : []),
      ...(facts.python.pyproject ? [{ name: "Install the project", run: "python -m pip install -e ." }] : []),
    ];
    checks.push({
      id: "python",
      name: "Python",
      steps: [{ name: "Set up Python", uses: "actions/setup-python", with: { "python-version": "3.x" } }, ...install, { name: "Test", run: "python -m pytest" }],
    });
  }
  if (facts.go) {
    checks.push({ id: "go", name: "Go", steps: [{ name: "Set up Go", uses: "actions/setup-go", with: { "go-version-file": "go.mod" } }, { name: "Test", run: "go test ./..." }] });
  }
  // GitHub's hosted Ubuntu runners come with a stable Rust toolchain.
  if (facts.rust) checks.push({ id: "rust", name: "Rust", steps: [{ name: "Test", run: "cargo test" }] });
  // Without a Node project of its own, the repository still needs Node to run trunkline.
  if (!facts.node) checks.push({ id: "workflows", name: "Generated workflows", steps: [...nodeSetup(facts), checkStep] });
  return checks;
}

function nodeSetup(facts: RepositoryFacts): StepText[] {
  const version: Record<string, string | number> = facts.node?.nodeVersionFile ? { "node-version-file": facts.node.nodeVersionFile } : { "node-version": 20 };
  const pnpm: StepText[] = facts.packageManager === "pnpm" ? [{ name: "Set up pnpm", uses: "pnpm/action-setup", ...(facts.packageManagerField ? {} : { with: { version: 9 } }) }] : [];
  return [...pnpm, { name: "Set up Node", uses: "actions/setup-node", with: { ...version, cache: facts.packageManager } }, { name: "Install", run: frozenInstall(facts) }];
}

function stepText(step: StepText): string {
  const parts = [`name: ${JSON.stringify(step.name)}`];
  if (step.uses) parts.push(`uses: pinnedAction(${JSON.stringify(step.uses)})`);
  if (step.with) parts.push(`with: { ${Object.entries(step.with).map(([key, value]) => `${/^[a-z]+$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")} }`);
  if (step.run) parts.push(`run: ${JSON.stringify(step.run)}`);
  return `{ ${parts.join(", ")} }`;
}
