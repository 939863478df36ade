import { type PathFilter, type Triggers, onPush } from "./triggers.js";

/**
 * The trigger of a deploy workflow: a push to `branch` deploys. Which branch that is — `main` for
 * continuous deployment, `prod` for a release gate reached by pull request — is this one parameter;
 * CI's triggers are configured on their own, so swapping it changes nothing else.
 * @example on: triggers(onDeployBranch("prod"), onWorkflowDispatch())
 */
export function onDeployBranch(branch: string, paths: PathFilter = {}): Pick<Triggers, "push"> {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes("*")) {
    throw new Error(`onDeployBranch: "${branch}" must be one branch name, not a pattern`);
  }
  return onPush({ branches: [branch], ...paths } as Parameters<typeof onPush>[0]);
}
