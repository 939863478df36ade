// `trunkline lint --fix`: the mechanical fixes of a hand-written workflow, made on the YAML
// document itself so comments, quoting and layout stay as they were. A fix that does not parse
// back to a mapping is dropped whole: the file is then left untouched.
import { isMap, isScalar, parse, parseDocument } from "yaml";
import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { parseUses } from "../rules/_uses.js";

/** What fixing one file gave: its new text and the number of findings fixed, or nothing to write. */
export interface FixedYaml {
  text: string;
  fixed: number;
}

/** The rules `--fix` can fix. */
export const FIXABLE_RULES: ReadonlySet<string> = new Set(["persist-credentials", "unpinned-action"]);

/**
 * Fixes the findings of one file that have a mechanical fix: `persist-credentials: false` on a
 * checkout, and a tag pin replaced by the commit the lockfile locks (`owner/repo@sha # tag`).
 * Undefined when nothing was fixed or the result does not parse.
 */
export function fixYaml(text: string, diagnostics: readonly Diagnostic[], locked: ReadonlyMap<string, { sha: string; tag: string }>): FixedYaml | undefined {
  const document = parseDocument(text, { keepSourceTokens: true });
  if (document.errors.length > 0) return undefined;
  let fixed = 0;
  for (const diagnostic of diagnostics) {
    const path = diagnostic.path;
    if (!path || path.at(-1) !== "uses") continue;
    if (diagnostic.rule === "persist-credentials" && setPersistCredentials(document, path.slice(0, -1))) fixed++;
    else if (diagnostic.rule === "unpinned-action" && pinFromLockfile(document, path, locked)) fixed++;
  }
  if (fixed === 0) return undefined;
  const result = document.toString({ lineWidth: 0 });
  try {
    const reparsed: unknown = parse(result);
    if (typeof reparsed !== "object" || reparsed === null || Array.isArray(reparsed)) return undefined;
  } catch {
    return undefined;
  }
  return { text: result, fixed };
}

type YamlDocument = ReturnType<typeof parseDocument>;

function setPersistCredentials(document: YamlDocument, stepPath: WorkflowPath): boolean {
  const step = document.getIn(stepPath, true);
  if (!isMap(step)) return false;
  const inputs = step.get("with", true);
  if (inputs !== undefined && !isMap(inputs)) return false;
  if (inputs === undefined) step.set("with", document.createNode({ "persist-credentials": false }));
  else inputs.set("persist-credentials", false);
  return true;
}

function pinFromLockfile(document: YamlDocument, path: WorkflowPath, locked: ReadonlyMap<string, { sha: string; tag: string }>): boolean {
  const node = document.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== "string") return false;
  const target = parseUses(node.value);
  if (target?.kind !== "remote") return false;
  const key = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  const pin = locked.get(key) ?? [...locked].find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  if (!pin) return false;
  node.value = `${key}@${pin.sha}`;
  node.comment = ` ${pin.tag}`;
  return true;
}
