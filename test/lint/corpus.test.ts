import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/rules/index.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// actionlint's own "must lint clean" workflows (../shared/corpora, see its README). A clone of
// trunkline alone has no ../shared: the test is skipped there.
const CORPUS = path.resolve(REPO_ROOT, "../shared/corpora/actionlint-ok");
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => name.endsWith(".yaml")).sort() : [];

/**
 * Graph, data-flow and action-input rules: these must find nothing in workflows actionlint accepts
 * (actionlint checks `with:` against the same popular actions).
 */
const GRAPH_RULES = [
  "needs-unknown", "needs-cycle", "needs-output-unknown", "step-output-unknown", "matrix-key-unknown", "if-always-true",
  "matrix-exclude-unmatched", "matrix-include-no-effect", "step-id-duplicate", "github-property-unknown", "comparison-type-mismatch", "workflow-input-unknown",
  "cron-invalid", "glob-invalid", "paths-and-paths-ignore", "deprecated-command",
  "action-input-unknown", "action-input-missing", "action-input-deprecated", "action-outdated",
  // issue 12, syntax with meaning
  "uses-invalid", "runner-retired", "runner-label-unknown", "cron-too-frequent", "if-constant", "filter-negation-first",
  "max-parallel-invalid", "env-name-invalid", "credentials-literal",
  // issue 12, misses actionlint shows on mutated workflows
  "filter-and-ignore", "workflow-run-without-workflows", "format-argument-missing", "matrix-value-duplicate",
  "input-default-invalid", "context-property-unknown", "timeout-not-positive",
  "action-output-unknown", "property-of-string", "from-json-invalid",
  "object-in-text",
  // issue 12, the second round of mutations
  "needs-duplicate", "input-options-invalid", "matrix-vector-empty", "function-argument-object",
  "steps-empty",
];

/**
 * Every finding of the other rules (policy and security) in the corpus, by rule then file (without
 * ".yaml") with its count, and why it is expected: these workflows test syntax and were never meant to
 * follow these policies. timeout-missing is listed here too: see its reason.
 */
const EXPECTED: Record<string, { reason: string; files: Record<string, number> }> = {
  "permissions-missing": {
    reason: "the corpus tests syntax; none of its workflows set permissions, so every job runs with the repository default token",
    files: { "allow_any_outputs": 1, "anchors": 6, "bool_conversion": 1, "container_syntax": 4, "custom_images": 1, "docker_steps": 1,
      "dynamic_shell_name": 1, "events_with_no_config": 1, "filters_for_specific_events": 1, "filters_ignore_for_specific_events": 1,
      "image_version_event": 1, "image_version_event_names_only": 1, "image_version_event_versions_only": 1, "issue-101": 1, "issue-104": 1,
      "issue-113": 1, "issue-145": 1, "issue-151-child-of-child-job": 3, "issue-152": 1, "issue-164": 1, "issue-174-secret-description-is-optional": 1,
      "issue-205-closing-braces-in-string": 1, "issue-223": 1, "issue-235-expr-in-input-default-value": 1,
      "issue-249_matrix_exclude_filter_object_subset": 1, "issue-261_matrix_row_item_constructed_with_expr": 1,
      "issue-263-inputs-shared-by-multiple-events": 1, "issue-280_runs_on": 5, "issue-285_expr_assign_at_matrix_row": 1,
      "issue-294_matrix_row_array_expression": 1, "issue-30": 1, "issue-31": 1, "issue-312_expression_in_env_var": 1, "issue-355-shellcheck-sc2043": 1,
      "issue-384_narrow-logical-op": 2, "issue-402-expression-in-services": 1, "issue-409-shellcheck-default-shell": 1,
      "issue-412_runner_environment_prop": 1, "issue-414_expression_in_matrix_exclude": 1, "issue-442-download-artifact-v3-workaround": 1,
      "issue-45": 1, "issue-495_with_args": 1, "issue-523_matrix_superset": 1, "issue-53-shellcheck-sc2154": 1, "issue-573_shellcheck_SC2153": 1,
      "issue-590-expression-at-credentials": 1, "issue-66": 4, "issue-67": 1, "issue-87": 1, "matrix_exclude_match_to_expr": 3,
      "matrix_expression_in_exclude": 5, "matrix_in_array_at_runs_on": 1, "minimal": 1, "multi_labels_no_conflict": 1, "nested_workflow_call": 1,
      "no_description_workflow_call": 1, "no_local_action_found": 1, "operator_outside_expr": 1, "outputs_in_environment_url": 1,
      "pyflakes_python_shell": 3, "reusable_workflow_inherit_secrets": 1, "run_name": 1, "schedule_timezone": 1, "shell_name_case_insensitive": 1,
      "shellcheck_detect_shell_from_runner": 1, "shellcheck_job_default_shell": 1, "shellcheck_step_shell": 1, "shellcheck_workflow_default_shell": 2,
      "skip_inputs": 1, "snapshot_image_name_only": 1, "snapshot_name_and_version": 1, "special_function_availability": 5, "untrusted_inputs": 1,
      "using_reusable_workflow_call_outputs": 2, "valid_comparisons": 1, "variables": 1, "workflow_call_event": 1, "workflow_call_job": 5,
      "workflow_call_outputs": 1, "workflow_call_outputs_sema": 2, "workflow_call_with_strategy": 1, "workflow_dispatch_25_inputs": 1,
      "workflow_dispatch_input_types": 1, "workflow_dispatch_upper_case_inputs": 1 },
  },
  "timeout-missing": {
    reason: "the corpus never sets timeout-minutes; actionlint has no such policy (a cost policy, not a graph or data-flow error, so it is listed here rather than required to be zero)",
    files: { "allow_any_outputs": 1, "anchors": 6, "bool_conversion": 1, "container_syntax": 4, "custom_images": 1, "docker_steps": 1,
      "dynamic_shell_name": 1, "events_with_no_config": 1, "filters_for_specific_events": 1, "filters_ignore_for_specific_events": 1,
      "image_version_event": 1, "image_version_event_names_only": 1, "image_version_event_versions_only": 1, "issue-101": 1, "issue-104": 1,
      "issue-113": 1, "issue-145": 1, "issue-151-child-of-child-job": 3, "issue-152": 1, "issue-164": 1, "issue-174-secret-description-is-optional": 1,
      "issue-205-closing-braces-in-string": 1, "issue-223": 1, "issue-235-expr-in-input-default-value": 1,
      "issue-249_matrix_exclude_filter_object_subset": 1, "issue-261_matrix_row_item_constructed_with_expr": 1,
      "issue-263-inputs-shared-by-multiple-events": 1, "issue-280_runs_on": 5, "issue-285_expr_assign_at_matrix_row": 1,
      "issue-294_matrix_row_array_expression": 1, "issue-30": 1, "issue-31": 1, "issue-312_expression_in_env_var": 1, "issue-355-shellcheck-sc2043": 1,
      "issue-402-expression-in-services": 1, "issue-409-shellcheck-default-shell": 1, "issue-412_runner_environment_prop": 1,
      "issue-414_expression_in_matrix_exclude": 1, "issue-442-download-artifact-v3-workaround": 1, "issue-45": 1, "issue-495_with_args": 1,
      "issue-523_matrix_superset": 1, "issue-53-shellcheck-sc2154": 1, "issue-573_shellcheck_SC2153": 1, "issue-590-expression-at-credentials": 1,
      "issue-66": 4, "issue-67": 1, "issue-87": 1, "matrix_exclude_match_to_expr": 3, "matrix_expression_in_exclude": 5,
      "matrix_in_array_at_runs_on": 1, "minimal": 1, "multi_labels_no_conflict": 1, "no_description_workflow_call": 1, "no_local_action_found": 1,
      "operator_outside_expr": 1, "outputs_in_environment_url": 1, "pyflakes_python_shell": 3, "reusable_workflow_inherit_secrets": 1, "run_name": 1,
      "schedule_timezone": 1, "shell_name_case_insensitive": 1, "shellcheck_detect_shell_from_runner": 1, "shellcheck_job_default_shell": 1,
      "shellcheck_step_shell": 1, "shellcheck_workflow_default_shell": 2, "skip_inputs": 1, "snapshot_image_name_only": 1,
      "snapshot_name_and_version": 1, "special_function_availability": 5, "untrusted_inputs": 1, "using_reusable_workflow_call_outputs": 1,
      "valid_comparisons": 1, "variables": 1, "workflow_call_event": 1, "workflow_call_outputs": 1, "workflow_call_outputs_sema": 2,
      "workflow_dispatch_25_inputs": 1, "workflow_dispatch_input_types": 1, "workflow_dispatch_upper_case_inputs": 1 },
  },
  "unpinned-action": {
    reason: "third-party actions and reusable workflows used by tag or branch (`@v1`, `@main`, `@ref`); actionlint does not require SHA pins",
    files: { "allow_any_outputs": 1, "issue-30": 1, "issue-31": 1, "issue-66": 1, "issue-87": 1, "nested_workflow_call": 1, "skip_inputs": 1,
      "special_function_availability": 1, "using_reusable_workflow_call_outputs": 1, "workflow_call_job": 5, "workflow_call_with_strategy": 1 },
  },
  "unpinned-image": {
    reason: "container, service and docker:// images by tag (`ubuntu:latest`, `node:14.16`); the files test container syntax",
    files: { "anchors": 3, "container_syntax": 3, "docker_steps": 8, "issue-312_expression_in_env_var": 1, "issue-495_with_args": 1,
      "issue-590-expression-at-credentials": 1 },
  },
  "concurrency-missing": {
    reason: "pull_request workflows that do not cancel superseded runs; the files test event filters, not run hygiene",
    files: { "anchors": 1, "events_with_no_config": 1, "filters_for_specific_events": 1, "filters_ignore_for_specific_events": 1 },
  },
  "dangerous-trigger": {
    reason: "the files list pull_request_target and workflow_run to test their filters; each such trigger is worth a review, which is what the warning asks",
    files: { "anchors": 1, "filters_for_specific_events": 2, "filters_ignore_for_specific_events": 2 },
  },
  "unsound-contains": {
    reason: "`contains('hello, world!', github.event.inputs.name)` tests the input's type checking; as a test of the value it is a substring match, true for 'o, w' too, which is what the warning says",
    files: { "workflow_dispatch_input_types": 1 },
  },
  "persist-credentials": {
    reason: "actions/checkout without persist-credentials: false keeps the token on disk for every later step; the files test runner labels and anchors, not credential hygiene (a warning, as zizmor's artipacked reports it)",
    files: { "anchors": 2, "issue-280_runs_on": 5, "issue-31": 1, "issue-87": 1 },
  },
  "script-injection": {
    reason: "text inputs and step or job outputs echoed in run: to test their typing (one through a matrix value built from a text input); a quote or $( ) in such a value runs as code, so each is a warning (never the error that attacker-written event text gets)",
    files: { "issue-104": 1, "issue-152": 2, "issue-223": 1, "issue-235-expr-in-input-default-value": 1, "issue-261_matrix_row_item_constructed_with_expr": 1,
      "issue-263-inputs-shared-by-multiple-events": 3, "issue-442-download-artifact-v3-workaround": 1,
      "no_description_workflow_call": 1, "skip_inputs": 1, "using_reusable_workflow_call_outputs": 2, "workflow_call_event": 2,
      "workflow_dispatch_25_inputs": 25, "workflow_dispatch_input_types": 2, "workflow_dispatch_upper_case_inputs": 3 },
  },
};

describe.skipIf(files.length === 0)(files.length === 0 ? "actionlint's ok corpus (skipped: ../shared/corpora/actionlint-ok is not there)" : "actionlint's ok corpus", () => {
  const lintAll = async (ruleIds: readonly string[]) => {
    const runRules = createRuleRunner({ rules: allRules.filter((rule) => ruleIds.includes(rule.id)) });
    const found = [];
    for (const name of files) {
      found.push(...(await lintYaml(name, readFileSync(path.join(CORPUS, name), "utf8"), { validators: async () => [], runRules })));
    }
    return found;
  };

  it("holds the 84 files the corpus README describes", () => {
    expect(files).toHaveLength(84);
  });

  it("gives no finding of any graph or data-flow rule", async () => {
    expect((await lintAll(GRAPH_RULES)).map((diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.rule}`)).toEqual([]);
  });

  it("gives exactly the listed policy and security findings", async () => {
    const others = allRules.map((rule) => rule.id).filter((id) => !GRAPH_RULES.includes(id));
    const actual: Record<string, Record<string, number>> = {};
    for (const diagnostic of await lintAll(others)) {
      const counts = (actual[diagnostic.rule] ??= {});
      const name = diagnostic.file.replace(/\.yaml$/, "");
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(actual).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([rule, entry]) => [rule, entry.files])));
  });
});
