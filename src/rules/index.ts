// The rule registry: every rule, in alphabetical order of id. A new rule is one file here plus
// its line below, a table test in test/rules/<id>.test.ts and its page, from `npm run docs:rules`.
import actionInputDeprecated from "./action-input-deprecated.js";
import actionInputMissing from "./action-input-missing.js";
import actionInputUnknown from "./action-input-unknown.js";
import actionOutdated from "./action-outdated.js";
import cachePoisoning from "./cache-poisoning.js";
import comparisonTypeMismatch from "./comparison-type-mismatch.js";
import concurrencyMissing from "./concurrency-missing.js";
import containerIncomplete from "./container-incomplete.js";
import cronInvalid from "./cron-invalid.js";
import dangerousCheckout from "./dangerous-checkout.js";
import dangerousTrigger from "./dangerous-trigger.js";
import deprecatedCommand from "./deprecated-command.js";
import dispatchInputsTooMany from "./dispatch-inputs-too-many.js";
import emptyValue from "./empty-value.js";
import forkUnsafeSelfHosted from "./fork-unsafe-self-hosted.js";
import gateCancelled from "./gate-cancelled.js";
import gateIncomplete from "./gate-incomplete.js";
import gateNotAlways from "./gate-not-always.js";
import functionArgumentObject from "./function-argument-object.js";
import githubPropertyUnknown from "./github-property-unknown.js";
import globInvalid from "./glob-invalid.js";
import ifAlwaysTrue from "./if-always-true.js";
import indexTypeMismatch from "./index-type-mismatch.js";
import insecureCommands from "./insecure-commands.js";
import matrixExcludeUnmatched from "./matrix-exclude-unmatched.js";
import matrixIncludeNoEffect from "./matrix-include-no-effect.js";
import matrixKeyUnknown from "./matrix-key-unknown.js";
import needsCycle from "./needs-cycle.js";
import needsDuplicate from "./needs-duplicate.js";
import needsOutputUnknown from "./needs-output-unknown.js";
import needsUnknown from "./needs-unknown.js";
import pathsAndPathsIgnore from "./paths-and-paths-ignore.js";
import permissionsMissing from "./permissions-missing.js";
import permissionsWriteAll from "./permissions-write-all.js";
import persistCredentials from "./persist-credentials.js";
import requiredCheckConditional from "./required-check-conditional.js";
import requiredCheckNoMergeGroup from "./required-check-no-merge-group.js";
import requiredCheckPathFiltered from "./required-check-path-filtered.js";
import requiredCheckUnknown from "./required-check-unknown.js";
import scriptInjection from "./script-injection.js";
import secretsInherit from "./secrets-inherit.js";
import secretsOverexposed from "./secrets-overexposed.js";
import spoofableBotCondition from "./spoofable-bot-condition.js";
import stepIdDuplicate from "./step-id-duplicate.js";
import stepOutputUnknown from "./step-output-unknown.js";
import stepsEmpty from "./steps-empty.js";
import timeoutMissing from "./timeout-missing.js";
import trustedPublishing from "./trusted-publishing.js";
import unpinnedAction from "./unpinned-action.js";
import unpinnedImage from "./unpinned-image.js";
import unsoundContains from "./unsound-contains.js";
import workflowCallMismatch from "./workflow-call-mismatch.js";
import workflowInputUnknown from "./workflow-input-unknown.js";
import workflowSecretUnknown from "./workflow-secret-unknown.js";
import runnerLabelUnknown from "./runner-label-unknown.js";
import runnerRetired from "./runner-retired.js";
import scheduleTimezoneInvalid from "./schedule-timezone-invalid.js";
import usesInvalid from "./uses-invalid.js";
import cronTooFrequent from "./cron-too-frequent.js";
import ifConstant from "./if-constant.js";
import filterNegationFirst from "./filter-negation-first.js";
import maxParallelInvalid from "./max-parallel-invalid.js";
import envNameInvalid from "./env-name-invalid.js";
import credentialsLiteral from "./credentials-literal.js";
import inputDefaultInvalid from "./input-default-invalid.js";
import inputOptionsInvalid from "./input-options-invalid.js";
import timeoutNotPositive from "./timeout-not-positive.js";
import actionOutputUnknown from "./action-output-unknown.js";
import propertyOfString from "./property-of-string.js";
import fromJsonInvalid from "./from-json-invalid.js";
import objectInText from "./object-in-text.js";
import contextPropertyUnknown from "./context-property-unknown.js";
import filterAndIgnore from "./filter-and-ignore.js";
import formatArgumentMissing from "./format-argument-missing.js";
import matrixValueDuplicate from "./matrix-value-duplicate.js";
import matrixVectorEmpty from "./matrix-vector-empty.js";
import workflowRunWithoutWorkflows from "./workflow-run-without-workflows.js";

/** Every trunkline rule, alphabetical by id. */
export const allRules = alphabetical([
  actionInputDeprecated,
  actionInputMissing,
  actionInputUnknown,
  actionOutdated,
  cachePoisoning,
  comparisonTypeMismatch,
  concurrencyMissing,
  containerIncomplete,
  cronInvalid,
  dangerousCheckout,
  dangerousTrigger,
  deprecatedCommand,
  dispatchInputsTooMany,
  emptyValue,
  forkUnsafeSelfHosted,
  gateCancelled,
  gateIncomplete,
  gateNotAlways,
  functionArgumentObject,
  githubPropertyUnknown,
  globInvalid,
  ifAlwaysTrue,
  indexTypeMismatch,
  insecureCommands,
  matrixExcludeUnmatched,
  matrixIncludeNoEffect,
  matrixKeyUnknown,
  needsCycle,
  needsDuplicate,
  needsOutputUnknown,
  needsUnknown,
  pathsAndPathsIgnore,
  permissionsMissing,
  permissionsWriteAll,
  persistCredentials,
  requiredCheckConditional,
  requiredCheckNoMergeGroup,
  requiredCheckPathFiltered,
  requiredCheckUnknown,
  scriptInjection,
  secretsInherit,
  secretsOverexposed,
  spoofableBotCondition,
  stepIdDuplicate,
  stepOutputUnknown,
  stepsEmpty,
  timeoutMissing,
  trustedPublishing,
  unpinnedAction,
  unpinnedImage,
  unsoundContains,
  workflowCallMismatch,
  workflowInputUnknown,
  workflowSecretUnknown,
  runnerLabelUnknown,
  runnerRetired,
  scheduleTimezoneInvalid,
  usesInvalid,
  cronTooFrequent,
  ifConstant,
  filterAndIgnore,
  filterNegationFirst,
  formatArgumentMissing,
  maxParallelInvalid,
  envNameInvalid,
  credentialsLiteral,
  workflowRunWithoutWorkflows,
  matrixValueDuplicate,
  matrixVectorEmpty,
  inputDefaultInvalid,
  inputOptionsInvalid,
  contextPropertyUnknown,
  timeoutNotPositive,
  actionOutputUnknown,
  propertyOfString,
  fromJsonInvalid,
  objectInText,
] as const);

/** Any one of the registered rules, with its literal id and option types. */
export type AnyRule = (typeof allRules)[number];

/** The id of a registered rule: what suppressions and the config accept. */
export type RuleId = AnyRule["id"];

// Rules added later are appended above and put in order here, so the list reads in one order
// everywhere (docs index, config hints) without reordering the lines above.
function alphabetical<const Rules extends readonly { id: string }[]>(rules: Rules): Rules {
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) as unknown as Rules;
}
