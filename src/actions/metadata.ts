import { sha256 } from "../sync/manifest.js";
import { parse } from "yaml";

/** One input of an action, as its `action.yml` declares it. */
export interface ActionInput {
  description?: string;
  /** `required: true` and no default: a `with:` without it fails at run time. */
  required: boolean;
  default?: string;
  deprecationMessage?: string;
}

/** What a binding is built from: an action's name, inputs and outputs. */
export interface ActionMetadata {
  name?: string;
  description?: string;
  inputs: Record<string, ActionInput>;
  /** Output name → description. */
  outputs: Record<string, string | undefined>;
}

/** The text of an action's metadata file at a commit, and which name it had. */
export interface MetadataFile {
  file: "action.yml" | "action.yaml";
  text: string;
}

/** The hash the lockfile records, so a changed metadata file at the same commit is noticed. */
export function metadataSha256(text: string): string {
  return sha256(text);
}

/** Reads `action.yml` text; a message when it is not an action's metadata. */
export function parseActionMetadata(text: string): ActionMetadata | { problem: string } {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { problem: `it is not valid YAML (${(error as Error).message.split("\n")[0]})` };
  }
  if (!isRecord(document)) return { problem: "it is not a mapping with `inputs`, `outputs` and `runs`" };
  const inputs: Record<string, ActionInput> = {};
  for (const [name, raw] of Object.entries(isRecord(document.inputs) ? document.inputs : {})) {
    const spec = isRecord(raw) ? raw : {};
    const defaultValue = scalarText(spec.default);
    // GitHub treats `required` as documentation; an input with a default is never missing.
    const input: ActionInput = { required: (spec.required === true || spec.required === "true") && defaultValue === undefined };
    const description = scalarText(spec.description);
    if (description !== undefined) input.description = description;
    if (defaultValue !== undefined) input.default = defaultValue;
    const deprecation = scalarText(spec.deprecationMessage);
    if (deprecation !== undefined) input.deprecationMessage = deprecation;
    inputs[name] = input;
  }
  const outputs: Record<string, string | undefined> = {};
  for (const [name, raw] of Object.entries(isRecord(document.outputs) ? document.outputs : {})) {
    outputs[name] = isRecord(raw) ? scalarText(raw.description) : undefined;
  }
  const metadata: ActionMetadata = { inputs, outputs };
  const name = scalarText(document.name);
  if (name !== undefined) metadata.name = name;
  const description = scalarText(document.description);
  if (description !== undefined) metadata.description = description;
  return metadata;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
