import type { Io } from "../io/io.js";
import type { RequiredCheck } from "../rules/_define-rule.js";
import { repositoryPrefixOfFile } from "../config/repository-layout.js";

// Where a repository's rulesets-as-code live, relative to its root: beside `.github/` (trunkline's
// generated targets) or inside it.
const RULESET_FOLDERS = ["rulesets", ".github/rulesets"];

/**
 * The required status checks of the rulesets stored in a repository (`<root>/rulesets/*.json`), in
 * GitHub's REST format (https://docs.github.com/rest/repos/rules#create-a-repository-ruleset), with
 * the branches each protects when they are named plainly.
 */
export async function readRulesetChecks(io: Io, repositoryRoot: string): Promise<RequiredCheck[]> {
  return (await readRulesetFiles(io, repositoryRoot)).flatMap(({ file, text }) => requiredChecksOf(parseJson(text), file));
}

/** The ruleset files stored in a repository (`rulesets/*.json`, `.github/rulesets/*.json`), with their text. */
export async function readRulesetFiles(io: Io, repositoryRoot: string): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const folder of RULESET_FOLDERS) {
    const prefix = repositoryRoot === "" ? folder : `${repositoryRoot.replace(/\/$/, "")}/${folder}`;
    for (const file of await io.listFiles(prefix, [".json"])) {
      const text = await io.readText(file);
      if (text !== undefined) found.push({ file, text });
    }
  }
  return found;
}

/** The required checks one ruleset document (from `file`, when given) demands; anything it cannot read gives none. */
export function requiredChecksOf(ruleset: unknown, file?: string): RequiredCheck[] {
  if (!isRecord(ruleset) || ruleset["enforcement"] === "disabled" || (ruleset["target"] !== undefined && ruleset["target"] !== "branch")) return [];
  const conditions = isRecord(ruleset["conditions"]) && isRecord(ruleset["conditions"]["ref_name"]) ? ruleset["conditions"]["ref_name"] : undefined;
  const included = Array.isArray(conditions?.["include"]) ? conditions["include"] : [];
  // `~DEFAULT_BRANCH`, `~ALL` and patterns do not name a branch this code can test a filter with
  const branches = included.flatMap((ref) => (typeof ref === "string" && /^refs\/heads\/[^*?[\]~]+$/.test(ref) ? [ref.slice("refs/heads/".length)] : []));
  const rules = Array.isArray(ruleset["rules"]) ? ruleset["rules"] : [];
  return rules.flatMap((rule) => {
    if (!isRecord(rule) || rule["type"] !== "required_status_checks" || !isRecord(rule["parameters"])) return [];
    const listed = rule["parameters"]["required_status_checks"];
    return (Array.isArray(listed) ? listed : []).flatMap((check) =>
      isRecord(check) && typeof check["context"] === "string" ? [{ name: check["context"], ...(branches.length ? { branches } : {}), ...(file ? { requiredBy: file } : {}) }] : [],
    );
  });
}

/** The repository a workflows folder belongs to: `generated/web/` for `generated/web/.github/workflows`. */
export function repositoryRootOfWorkflow(file: string): string {
  return repositoryPrefixOfFile(file).replace(/\/$/, "");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
