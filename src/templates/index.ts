// Templates: typed functions that return whole workflows built from the building blocks.
// Import them from "trunkline/templates".
export { trunkBasedCi } from "./trunk-based-ci.js";
export type { CiCheck, TrunkBasedCiOptions, ResolvedTrunkBasedCiOptions } from "./trunk-based-ci.js";
export { imagePublishing } from "./image-publishing.js";
export type { PublishedImage, ImagePublishingOptions, ResolvedImagePublishingOptions } from "./image-publishing.js";
export { deployOnBranch, DEPLOY_TASK_INPUT } from "./branch-deploy.js";
export type { DeployEnvironment, MigrationsOptions, BranchDeployOptions, ResolvedBranchDeployOptions } from "./branch-deploy.js";
export { releaseOnTags } from "./tag-release.js";
export type { TagReleaseOptions, ResolvedTagReleaseOptions } from "./tag-release.js";
export { digestPromotion, channelDigestBump } from "./promotion.js";
export type { StagePathPattern, DigestPromotionOptions, ResolvedDigestPromotionOptions, ChannelDigestBumpOptions, ResolvedChannelDigestBumpOptions } from "./promotion.js";
export { gitopsGate, reusableCheck } from "./gitops-gate.js";
export type { GatedCheck, GitopsGateOptions, ResolvedGitopsGateOptions, ReusableCheckOptions, ResolvedReusableCheckOptions } from "./gitops-gate.js";
export { actionsUpdatePullRequest } from "./actions-update.js";
export type { ActionsUpdatePullRequestOptions, ResolvedActionsUpdatePullRequestOptions } from "./actions-update.js";
export { releasingGuide } from "./releasing-guide.js";
export type { ReleasingGuideOptions } from "./releasing-guide.js";
export type { TemplateWorkflow, GatedWorkflow } from "./_common.js";
export { costReport } from "./cost-report.js";
export type { CostReportOptions, ResolvedCostReportOptions } from "./cost-report.js";
