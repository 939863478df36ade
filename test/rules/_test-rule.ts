import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type WorkflowPath, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import type { RequiredCheck, Rule } from "../../src/rules/_define-rule.js";
import { DEFAULT_LINT_SETTINGS } from "../../src/rules/_settings.js";
import { createRepositoryRuleRunner } from "../../src/rulesets/run-repository-rules.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";

/** One YAML workflow for a rule's table. */
export interface RuleCase {
  name: string;
  yaml: string;
  /** Overrides of the rule's options. */
  options?: object;
  requiredChecks?: RequiredCheck[];
}

/** A case that must give exactly these findings of the rule, in order of position. */
export interface InvalidCase extends RuleCase {
  /** `severity` when the finding's differs from the rule's default. */
  errors: { path: WorkflowPath; line: number; column: number; severity?: "error" | "warning" }[];
}

/**
 * Runs only `rule` over a workflow, the way `trunkline lint` does, and returns its diagnostics. A
 * rule comparing rulesets with workflows sees the workflow beside the ruleset of its own docs.
 */
export async function lintWithRule(rule: Rule, yaml: string, options?: object, requiredChecks?: RequiredCheck[]) {
  const settings = { ...DEFAULT_LINT_SETTINGS, options: new Map(options ? [[rule.id, { ...rule.options, ...options }]] : []) };
  const found = await lintYaml("workflow.yml", yaml, { validators: async () => [], runRules: createRuleRunner({ rules: [rule], settings }), ...(requiredChecks ? { requiredChecks } : {}) });
  if (rule.repository && rule.docs.ruleset) {
    const runRepository = createRepositoryRuleRunner({ rules: [rule], settings });
    found.push(...runRepository({ workflows: [{ file: "workflow.yml", model: parse(yaml) as unknown }], rulesets: [{ file: "rulesets/main.json", document: JSON.parse(rule.docs.ruleset) as unknown }] }));
  }
  // a rule comparing workflows: the example calls the workflow its docs show
  if (rule.repository && rule.docs.called) {
    const runRepository = createRepositoryRuleRunner({ rules: [rule], settings });
    const called = { file: rule.docs.called.file, model: parse(rule.docs.called.yaml) as unknown };
    found.push(...runRepository({ workflows: [{ file: ".github/workflows/workflow.yml", model: parse(yaml) as unknown }, called], rulesets: [] }).map((diagnostic) => ({ ...diagnostic, file: diagnostic.file === ".github/workflows/workflow.yml" ? "workflow.yml" : diagnostic.file })));
  }
  return sortDiagnostics(found);
}

/**
 * A rule's table test: every valid case gives no finding, every invalid case exactly the listed
 * ones (rule, path, line and column — not the wording, which may improve).
 */
export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    it.each(cases.valid.map((entry) => [entry.name, entry] as const))("valid: %s", async (_, entry) => {
      expect(await lintWithRule(rule, entry.yaml, entry.options, entry.requiredChecks)).toEqual([]);
    });
    it.each(cases.invalid.map((entry) => [entry.name, entry] as const))("invalid: %s", async (_, entry) => {
      const found = await lintWithRule(rule, entry.yaml, entry.options, entry.requiredChecks);
      expect(found.map((diagnostic) => ({ rule: diagnostic.rule, path: diagnostic.path, line: diagnostic.line, column: diagnostic.column, severity: diagnostic.severity }))).toEqual(
        entry.errors.map((error) => ({ rule: rule.id, severity: rule.severity, ...error })),
      );
      for (const diagnostic of found) {
        expect(diagnostic.message.length).toBeGreaterThan(0);
        expect(diagnostic.hint?.length ?? 0).toBeGreaterThan(0);
      }
    });
  });
}
