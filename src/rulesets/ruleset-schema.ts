import { Ajv, type ErrorObject } from "ajv";
import schema from "../../schema/ruleset.schema.json" with { type: "json" };
import type { WorkflowPath } from "../diagnostics/diagnostic.js";

/** One way a document fails the ruleset schema: where, and what is wrong there. */
export interface RulesetSchemaProblem {
  path: WorkflowPath;
  message: string;
}

let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/**
 * Checks a ruleset document against `schema/ruleset.schema.json`, the request body GitHub's REST
 * API takes (hand-written; see schema/ruleset.PROVENANCE.md). Compiled on first use: most runs
 * write no ruleset.
 */
export function validateRulesetDocument(document: unknown): RulesetSchemaProblem[] {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validate(document)) return [];
  const problems = new Map<string, RulesetSchemaProblem>();
  for (const error of validate.errors ?? []) {
    // `if` only says which branch failed, and `anyOf` only that no alternative held; the details follow
    if (error.keyword === "if" || error.keyword === "anyOf") continue;
    const path = error.instancePath.split("/").slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, "/").replace(/~0/g, "~")));
    const where = path.join(".") || "(ruleset)";
    const detail = error.keyword === "additionalProperties" ? `has the field "${(error.params as { additionalProperty: string }).additionalProperty}", which GitHub's REST API does not take` : (error.message ?? "is not valid");
    const key = `${where}\0${detail}`;
    if (!problems.has(key)) problems.set(key, { path, message: `${where} ${detail}` });
  }
  return [...problems.values()];
}
