import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type WorkflowPath, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { createLocator } from "../../src/diagnostics/locate.js";
import type { Rule } from "../../src/rules/_define-rule.js";
import { createRepositoryRuleRunner } from "../../src/rulesets/run-repository-rules.js";
import { commentSuppressions } from "../../src/validate/lint-yaml.js";

/** A repository for a ruleset rule's table: workflow YAML and ruleset documents, by path. */
export interface RepositoryCase {
  name: string;
  workflows: Record<string, string>;
  rulesets: Record<string, object>;
  /** The workflow files the repository's folder lists, when the case says (lint lists them on disk). */
  listed?: string[];
}

/** A case that must give exactly these findings of the rule, in order of file and position. */
export interface InvalidRepositoryCase extends RepositoryCase {
  errors: { file: string; path: WorkflowPath; line: number; column: number }[];
}

/** A ruleset document in GitHub's REST format: the branches it protects and the checks it requires. */
export function rulesetRequiring(checks: (string | { context: string; integration_id?: number })[], options: { include?: string[]; mergeQueue?: boolean; enforcement?: string; target?: string } = {}): object {
  return {
    name: "main",
    target: options.target ?? "branch",
    enforcement: options.enforcement ?? "active",
    conditions: { ref_name: { include: options.include ?? ["refs/heads/main"], exclude: [] } },
    rules: [
      ...(options.mergeQueue ? [{ type: "merge_queue", parameters: { merge_method: "SQUASH", grouping_strategy: "ALLGREEN", max_entries_to_build: 5, min_entries_to_merge: 1, max_entries_to_merge: 5, min_entries_to_merge_wait_minutes: 5, check_response_timeout_minutes: 60 } }] : []),
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: checks.map((check) => (typeof check === "string" ? { context: check, integration_id: 15368 } : check)),
        },
      },
    ],
  };
}

/** Runs only `rule`'s repository hook over the case, the way `trunkline lint` does, located. */
export function checkRepositoryWithRule(rule: Rule, entry: RepositoryCase) {
  const texts = new Map<string, string>([...Object.entries(entry.workflows), ...Object.entries(entry.rulesets).map(([file, document]) => [file, `${JSON.stringify(document, null, 2)}\n`] as const)]);
  const run = createRepositoryRuleRunner({ rules: [rule] });
  const found = run({
    workflows: Object.entries(entry.workflows).map(([file, yaml]) => ({ file, model: parse(yaml) as unknown, suppressions: commentSuppressions(yaml, createLocator(yaml)) })),
    rulesets: Object.entries(entry.rulesets).map(([file, document]) => ({ file, document })),
    ...(entry.listed ? { listedWorkflows: entry.listed } : {}),
  });
  return sortDiagnostics(found.map((diagnostic) => ({ ...diagnostic, ...(diagnostic.path ? createLocator(texts.get(diagnostic.file)!).positionOf(diagnostic.path) : {}) })));
}

/**
 * A ruleset rule's table test: every valid case gives no finding, every invalid case exactly the
 * listed ones (rule, file, path, line and column — not the wording).
 */
export function testRepositoryRule(rule: Rule, cases: { valid: RepositoryCase[]; invalid: InvalidRepositoryCase[] }): void {
  describe(rule.id, () => {
    it.each(cases.valid.map((entry) => [entry.name, entry] as const))("valid: %s", (_, entry) => {
      expect(checkRepositoryWithRule(rule, entry)).toEqual([]);
    });
    it.each(cases.invalid.map((entry) => [entry.name, entry] as const))("invalid: %s", (_, entry) => {
      const found = checkRepositoryWithRule(rule, entry);
      expect(found.map((diagnostic) => ({ rule: diagnostic.rule, file: diagnostic.file, path: diagnostic.path, line: diagnostic.line, column: diagnostic.column }))).toEqual(
        entry.errors.map((error) => ({ rule: rule.id, ...error })),
      );
      for (const diagnostic of found) {
        expect(diagnostic.severity).toBe(rule.severity);
        expect(diagnostic.message.length).toBeGreaterThan(0);
        expect(diagnostic.hint?.length ?? 0).toBeGreaterThan(0);
      }
    });
  });
}
