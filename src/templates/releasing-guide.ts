import type { ResolvedBranchDeployOptions } from "./branch-deploy.js";
import { DEPLOY_TASK_INPUT } from "./branch-deploy.js";
import type { ResolvedImagePublishingOptions } from "./image-publishing.js";
import type { ResolvedChannelDigestBumpOptions, ResolvedDigestPromotionOptions } from "./promotion.js";
import type { ResolvedTagReleaseOptions } from "./tag-release.js";
import { type GatedWorkflow, type TemplateWorkflow, workflowPath } from "./_common.js";

/** The workflows a release runbook describes; each is optional except the gated CI. */
export interface ReleasingGuideOptions {
  /** The repository, `owner/name`. */
  repository: string;
  /** The workflow whose gate is the required check (from `trunkBasedCi` or `gitopsGate`). */
  ci: GatedWorkflow<{ readonly trunk: string; readonly name: string }>;
  /** The deploy workflow (from `deployOnBranch`). */
  deploy?: TemplateWorkflow<ResolvedBranchDeployOptions>;
  /** The image CD (from `imagePublishing`). */
  images?: TemplateWorkflow<ResolvedImagePublishingOptions>;
  /** The tag release (from `releaseOnTags`). */
  release?: TemplateWorkflow<ResolvedTagReleaseOptions>;
  /** Environment promotion (from `digestPromotion`). */
  promotion?: TemplateWorkflow<ResolvedDigestPromotionOptions>;
  /** The first stage's channel follower (from `channelDigestBump`). */
  bump?: TemplateWorkflow<ResolvedChannelDigestBumpOptions>;
  /** What to check after a release ships, specific to this repository. */
  verification?: readonly string[];
  /** Anything else a releaser must know, one paragraph each. */
  notes?: readonly string[];
}

const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => items.map((item) => `- ${item}`).join("\n");
const steps = (items: readonly string[]) => items.map((item, index) => `${index + 1}. ${item}`).join("\n");
const branches = (names: readonly string[]) => {
  const quoted = names.map(code);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
};

/**
 * A `RELEASING.md` runbook written from the workflows themselves — branch names, environments, check
 * names, file names and commands all come from the templates' options — so the document cannot
 * drift from what the workflows do. Export it with `document("RELEASING.md", releasingGuide({ … }))`.
 */
export function releasingGuide(options: ReleasingGuideOptions): string {
  const { ci, deploy } = options;
  const trunk = ci.options.trunk;
  const sections: string[] = [
    `# Releasing ${code(options.repository)}`,
    "This runbook is generated from the same TypeScript source as this repository's workflows. To change the release flow, change that source and regenerate: the workflows and this page change together.",
    branchesSection(options),
  ];
  if (deploy) sections.push(shippingSection(deploy, ci, trunk), verifySection(deploy, options.verification), rollbackSection(deploy, trunk, ci.requiredCheck));
  else if (options.verification?.length) sections.push(`## Verifying\n\n${list(options.verification)}`);
  sections.push(migrationsSection(deploy));
  if (options.images) sections.push(imagesSection(options.images));
  if (options.release) sections.push(tagReleaseSection(options.release, options.images));
  if (options.promotion) sections.push(promotionSection(options.promotion, ci, options.bump));
  if (options.notes?.length) sections.push(`## Notes\n\n${options.notes.join("\n\n")}`);
  return `${sections.join("\n\n")}\n`;
}

function branchesSection({ ci, deploy }: ReleasingGuideOptions): string {
  const trunk = ci.options.trunk;
  const protectedBranches = deploy && deploy.options.branch !== trunk ? [trunk, deploy.options.branch] : [trunk];
  const items = [
    `${code(trunk)} is the trunk: every change lands on it through a pull request. ${ci.options.name} (${code(workflowPath(ci))}) runs on pull requests into ${branches(ci.pullRequestBranches)}.`,
    `The only required check is ${code(ci.requiredCheck)} (shown as "${ci.options.name} / ${ci.requiredCheck}"). It always runs, and fails unless every job of the workflow passed or was allowed to be skipped. Require it, and only it, in the rulesets of ${branches(protectedBranches)}: path-scoped jobs are skipped when their area did not change, and a required check that never runs blocks the merge.`,
  ];
  if (deploy && deploy.options.branch !== trunk) {
    items.push(`${code(deploy.options.branch)} is the deploy branch: every push to it runs ${deploy.options.name} (${code(workflowPath(deploy))}). Protect it: changes only by pull request, ${code(ci.requiredCheck)} required, linear history (squash merges), no force pushes, no deletion.`);
  }
  if (deploy) {
    const environments = [deploy.options.environment.name, ...(deploy.options.migrations ? [deploy.options.migrations.environment.name] : [])];
    items.push(`In Settings → Environments, limit the deployment branches of ${branches(environments)} to ${code(deploy.options.branch)}: a manual run started from any other branch then cannot deploy, whatever its workflow file says.`);
  }
  return `## Branches and the required check\n\n${list(items)}`;
}

function shippingSection(deploy: TemplateWorkflow<ResolvedBranchDeployOptions>, ci: ReleasingGuideOptions["ci"], trunk: string): string {
  const { branch, environment, name } = deploy.options;
  const deploys = `The push to ${code(branch)} starts ${name} (${code(workflowPath(deploy))}): job ${code("deploy")} runs in the ${code(environment.name)} environment; approve it there when the environment requires reviewers. One deployment runs at a time; a newer one waits, and none is cancelled midway.`;
  if (branch === trunk) {
    return `## Shipping a release\n\nEvery merge into ${code(trunk)} deploys.\n\n${steps([`Merge a pull request into ${code(trunk)} once ${code(ci.requiredCheck)} passes.`, deploys])}`;
  }
  return `## Shipping a release\n\n${steps([
    `Open the release pull request from ${code(trunk)} into ${code(branch)}:\n   ${code(`gh pr create --base ${branch} --head ${trunk} --title "release: <what ships>"`)}`,
    `${ci.options.name} runs again on that pull request; wait for ${code(ci.requiredCheck)}.`,
    `Review what ships — the pull request's commits — and merge it (squash).`,
    deploys,
  ])}`;
}

function verifySection(deploy: TemplateWorkflow<ResolvedBranchDeployOptions>, verification: readonly string[] = []): string {
  return `## Verifying\n\n${list([
    `The ${deploy.options.name} run for the merge commit is green: ${code(`gh run list --workflow ${deploy.fileName} --branch ${deploy.options.branch} --limit 1`)}.`,
    ...verification,
  ])}`;
}

function rollbackSection(deploy: TemplateWorkflow<ResolvedBranchDeployOptions>, trunk: string, requiredCheck: string): string {
  const { branch } = deploy.options;
  const redeploy = deploy.options.migrations
    ? `gh workflow run ${deploy.fileName} --ref ${branch} -f ${DEPLOY_TASK_INPUT}=deploy`
    : `gh workflow run ${deploy.fileName} --ref ${branch}`;
  const items = [
    `Revert the release on ${code(branch)}: on the merged pull request choose **Revert**, which opens a pull request into ${code(branch)}; merge it once ${code(requiredCheck)} passes.`,
    `The push to ${code(branch)} deploys the previous state again.`,
    `To redeploy without a change (after an infrastructure hiccup): ${code(redeploy)}.`,
  ];
  if (branch !== trunk) items.push(`Fix forward on ${code(trunk)}. Until the fix is there, the next release pull request would bring the reverted change back: read its diff.`);
  return `## Rolling back\n\n${steps(items)}`;
}

function migrationsSection(deploy: TemplateWorkflow<ResolvedBranchDeployOptions> | undefined): string {
  const migrations = deploy?.options.migrations;
  if (!deploy || !migrations) {
    return "## Database migrations\n\nThis repository has no migrations job: nothing it ships changes a database schema.";
  }
  const { branch, environment } = deploy.options;
  return `## Database migrations\n\nMigrations never run on a push: deploying and migrating are separate decisions.\n\n${steps([
    `Run them by hand from ${code(branch)}: ${code(`gh workflow run ${deploy.fileName} --ref ${branch} -f ${DEPLOY_TASK_INPUT}=migrate`)}.`,
    `Job ${code("migrate")} runs in the ${code(migrations.environment.name)} environment — not ${code(environment.name)} — so it is approved on its own. Configure that environment with required reviewers and with deployment branches limited to ${code(branch)}.`,
    "Ship schema changes that old and new code both accept: migrate first, then release the code that needs the change.",
  ])}`;
}

function imagesSection(images: TemplateWorkflow<ResolvedImagePublishingOptions>): string {
  const { branch, channel, repositoryPrefix, platforms } = images.options;
  return `## Images\n\n${list([
    `Every push to ${code(branch)} that changes an image's paths runs ${images.options.name} (${code(workflowPath(images))}): each image is built once for ${platforms.map(code).join(" and ")} and pushed to ${code(`${repositoryPrefix}/<image>`)} as ${code("sha-<commit>")}, and the ${code(`:${channel}`)} channel tag moves to it. The digests are in the run's ${code("image-digests")} artifact.`,
    `${code(`:${channel}`)} is a producer channel, never deployed: environments pin digests, and automation resolves the channel to a digest.`,
  ])}`;
}

function tagReleaseSection(release: TemplateWorkflow<ResolvedTagReleaseOptions>, images: TemplateWorkflow<ResolvedImagePublishingOptions> | undefined): string {
  const { trunk, tagPattern, name } = release.options;
  const items = [
    `Tag a commit of ${code(trunk)} (tags matching ${code(tagPattern)}): ${code("git tag v1.2.3 <commit> && git push origin v1.2.3")}. A branch push never releases.`,
    `${name} (${code(workflowPath(release))}) checks that the commit is on ${code(trunk)}${release.options.images ? ", adds the version tag to the images built from that commit (nothing is rebuilt)" : ""}, and publishes the GitHub release with generated notes.`,
  ];
  if (release.options.images && images) {
    items.push(`If it fails with "Image not built", that commit changed no image: run ${code(`gh workflow run ${images.fileName} --ref <tag>`)}, then re-run the release.`);
  }
  return `## Tagged releases\n\n${steps(items)}`;
}

function promotionSection(promotion: TemplateWorkflow<ResolvedDigestPromotionOptions>, ci: ReleasingGuideOptions["ci"], bump: TemplateWorkflow<ResolvedChannelDigestBumpOptions> | undefined): string {
  const { stages, imagesFile } = promotion.options;
  const chain = stages.map(code).join(" → ");
  const items: string[] = [];
  if (bump) {
    items.push(`${code(bump.options.stage)} follows the producers' ${code(`:${bump.options.channel}`)} channel: ${bump.options.name} (${code(workflowPath(bump))}) resolves each image to its digest on a schedule (${code(bump.options.schedule)}, UTC) and opens a pull request; it fails if a channel tag is missing or not multi-arch.`);
  }
  for (const [index, stage] of stages.slice(0, -1).entries()) {
    items.push(`Promote ${code(stage)} → ${code(stages[index + 1]!)}: ${code(`gh workflow run ${promotion.fileName} -f from=${stage}`)} opens a pull request that copies the digests of ${code(imagesFile.replace("{stage}", stage))} into ${code(imagesFile.replace("{stage}", stages[index + 1]!))}. Nothing is rebuilt. Merge it once ${code(ci.requiredCheck)} passes.`);
  }
  items.push(`Promotion pull requests are opened with the ${code(promotion.options.token)} token (a GitHub App or fine-grained token): a pull request opened with the workflow's own token starts no workflows, so ${code(ci.requiredCheck)} would never report on it.`);
  items.push("Verify: the environment's applications are synced and healthy at the promoted digests.");
  items.push("Roll back: revert the promotion pull request; the previous digests return the same way.");
  return `## Environment promotion (${chain})\n\n${steps(items)}`;
}
