import type { JsonObject } from "../model/json.js";
import { tagOfPin } from "../actions/pins.js";
import { header } from "./header.js";
import { writeYaml } from "./yaml-writer.js";

/** What the emitter may know besides the model. */
export interface EmitOptions {
  /** `owner/repo[/path]@<sha>` → release tag, from the actions lockfile: the comment beside each pin. */
  releaseTags?: ReadonlyMap<string, string>;
}

/** The YAML body of a workflow: canonical, stable bytes for the same model on every machine. */
export function emitYamlBody(model: JsonObject, options: EmitOptions = {}): string {
  const { releaseTags } = options;
  return writeYaml(model, { usesComment: (uses) => releaseTagComment(uses, releaseTags) });
}

/** The whole file: header naming the source, then the body. */
export function emitYaml(model: JsonObject, sourceFile: string, options: EmitOptions = {}): string {
  const body = emitYamlBody(model, options);
  return header(sourceFile, body) + body;
}

// A commit SHA says nothing to a reviewer; the release it was published as does (`@3d3c… # v7.0.1`).
/** The comment written after a `uses:` value pinned to a SHA: its release tag, when known. */
export function releaseTagComment(uses: string, releaseTags?: ReadonlyMap<string, string>): string | undefined {
  // the lockfile's tags first (trunkline.actions.lock.json), then trunkline's own pin table
  return /@[0-9a-f]{40}$/.test(uses) ? (releaseTags?.get(uses) ?? tagOfPin(uses)) : undefined;
}
