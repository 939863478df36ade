// An action authored in TypeScript (`compositeAction`…) → the plain metadata `gen` writes to
// `.github/actions/<name>/action.yml`, with the call sites of its steps for diagnostics.
import type { AuthoredAction } from "../actions/authored-action.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CallSite } from "../dsl/call-site.js";
import { type JsonObject, isJsonObject } from "../model/json.js";
import { ACTION_SHAPE } from "./shape.js";
import { toJson } from "./to-json.js";

/** One authored action in the plain model. */
export interface NormalizedAction {
  sourceFile: string;
  exportName: string;
  /** The folder under `.github/actions/`. */
  name: string;
  model: JsonObject;
  /** Call sites of the action (key "") and its steps (`runs`, `steps`, index), keyed by `pathKey`. */
  callSites: Map<string, CallSite>;
  /** Rule ids suppressed on its steps, keyed like `callSites`. */
  suppressions: Map<string, readonly string[]>;
  /** The value built by `compositeAction`…, to tell an exported action from one only called. */
  origin: object;
  /** Other authored actions its steps call. */
  localActions: ReadonlySet<object>;
}

// One path segment GitHub and every file system accept as a folder name.
const ACTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Converts an authored action; problems are reported against the source and its export. */
export function normalizeAction(action: AuthoredAction<object, string>, exportName: string, sourceFile: string): { action?: NormalizedAction; problems: Omit<Diagnostic, "file">[]; callSites: Map<string, CallSite> } {
  const callSites = new Map<string, CallSite>([["", action.definedAt]]);
  if (typeof action.actionName !== "string" || !ACTION_NAME.test(action.actionName)) {
    return {
      callSites,
      problems: [{
        rule: "load", severity: "error", path: ["export", exportName],
        message: `action "${exportName}": "${String(action.actionName)}" is not usable as the folder name under .github/actions/`,
        hint: 'name it with letters, digits, ".", "_" or "-", such as "setup-toolchain"',
      }],
    };
  }
  const context = { jobIds: new Map(), callSites, suppressions: new Map<string, readonly string[]>(), problems: [] as Omit<Diagnostic, "file">[], localActions: new Set<object>() };
  const model = toJson(action.metadata, [], ACTION_SHAPE, context);
  if (context.problems.some((problem) => problem.severity === "error") || !isJsonObject(model ?? null)) return { problems: context.problems, callSites };
  return { action: { sourceFile, exportName, name: action.actionName, model: model as JsonObject, callSites, suppressions: context.suppressions, origin: action, localActions: context.localActions }, problems: context.problems, callSites };
}
