// Where a reusable workflow passed to `job.call` is generated, so the caller's `uses:` can name it.
// A local call (`./.github/workflows/<file>`) reaches only the workflows of the caller's own
// repository, which for trunkline is the caller's target.
import type { SourcePosition } from "../diagnostics/diagnostic.js";
import { REMOTE_WORKFLOW, WORKFLOW, hasBrand } from "../dsl/brand.js";
import { type CallSite, resolveCallSite } from "../dsl/call-site.js";
import type { RemoteWorkflow } from "../dsl/reusable-call.js";
import type { Workflow } from "../dsl/types.js";
import type { LoadedSource } from "./normalize-source.js";

/** Where one exported workflow is generated. */
export interface GeneratedWorkflowPlace {
  target: string;
  /** The output, repo-relative: `generated/web/.github/workflows/build.yml`. */
  output: string;
  fileName: string;
  sourceFile: string;
}

/** The `uses:` text of a call (and the release tag to write beside a pin), or why the callee cannot be called from here. */
export type CalleeResolution = { uses: string; tag?: string } | { message: string; hint: string };

/** Resolves the callee of the job `jobId` (a `workflow()` value or a {@link RemoteWorkflow}). */
export type CalleeResolver = (callee: object, jobId: string, toSource?: (position: SourcePosition) => SourcePosition) => CalleeResolution;

/** Every `workflow()` value the targets' sources export, with where each is generated. */
export function indexGeneratedWorkflows(targets: readonly { target: { name: string; outDir: string }; sources: readonly LoadedSource[] }[]): Map<object, GeneratedWorkflowPlace[]> {
  const index = new Map<object, GeneratedWorkflowPlace[]>();
  for (const { target, sources } of targets) {
    for (const source of sources) {
      for (const value of Object.values(source.exports)) {
        for (const item of itemsOf(value)) {
          const fileName = fileNameOf(item);
          if (fileName === undefined) continue;
          const places = index.get(item as object) ?? [];
          places.push({ target: target.name, output: `${target.outDir}/${fileName}`, fileName, sourceFile: source.file });
          index.set(item as object, places);
        }
      }
    }
  }
  return index;
}

// An export that throws when read (a revoked Proxy, a throwing trap) is reported by normalize, with its source.
function itemsOf(value: unknown): readonly unknown[] {
  try {
    return Array.isArray(value) ? [...(value as unknown[])] : [value];
  } catch {
    return [];
  }
}

// The file name of a `workflow()` value; undefined for anything else, or one that throws when read.
function fileNameOf(value: unknown): string | undefined {
  try {
    return hasBrand(value, WORKFLOW) ? String((value as Workflow).fileName) : undefined;
  } catch {
    return undefined;
  }
}

/** The resolver for the callers generated into `target`. */
export function calleeResolver(index: ReadonlyMap<object, readonly GeneratedWorkflowPlace[]> | undefined, target: string | undefined): CalleeResolver {
  let byPosition: Map<string, GeneratedWorkflowPlace[]> | undefined;
  return (callee, jobId, toSource) => {
    if (hasBrand(callee, REMOTE_WORKFLOW)) return resolveRemote(callee as RemoteWorkflow, jobId);
    const workflow = callee as Workflow;
    let places = index?.get(workflow) ?? [];
    // Each source is bundled on its own, so a workflow imported from another source is a copy of the
    // one that source exports: the same `workflow()` call in the TypeScript, a different object.
    if (places.length === 0 && index && toSource) {
      byPosition ??= indexByPosition(index, toSource);
      places = byPosition.get(positionKey(workflow, toSource) ?? "") ?? [];
    }
    const here = places.find((place) => place.target === target);
    // GitHub runs only the files directly in .github/workflows at the repository's root
    if (here) return { uses: `./.github/workflows/${here.fileName}` };
    const defined = definedAt(workflow.definedAt, toSource);
    if (places.length > 0) {
      const elsewhere = places.map((place) => `${place.output} (from ${place.sourceFile}, target "${place.target}")`).join(", ");
      return {
        message: `job "${jobId}" calls the workflow ${workflow.fileName}${defined}, which is generated as ${elsewhere}, not in target "${target}" with this workflow: a local call (./.github/workflows/${workflow.fileName}) reaches only the workflows of the same repository`,
        hint: `export that workflow from a source of target "${target}" as well, or publish it and call it with remoteWorkflow({ repo, file, sha, tag, workflow_call })`,
      };
    }
    return {
      message: `job "${jobId}" calls the workflow ${workflow.fileName}${defined}, which no source exports, so it is never generated and the call would find no file`,
      hint: `export it from a source of target "${target}" (export const … = workflow("${workflow.fileName.replace(/\.ya?ml$/, "")}", { … })), or call a published one with remoteWorkflow({ repo, file, sha, tag, workflow_call })`,
    };
  };
}

// Read only when a call does not find its callee by identity: formatting stacks is the costly part.
function indexByPosition(index: ReadonlyMap<object, readonly GeneratedWorkflowPlace[]>, toSource: (position: SourcePosition) => SourcePosition): Map<string, GeneratedWorkflowPlace[]> {
  const byPosition = new Map<string, GeneratedWorkflowPlace[]>();
  for (const [workflow, places] of index) {
    let key: string | undefined;
    try {
      key = positionKey(workflow as Workflow, toSource);
    } catch {
      continue; // an export that throws when read is reported by normalize
    }
    if (key !== undefined) byPosition.set(key, [...(byPosition.get(key) ?? []), ...places]);
  }
  return byPosition;
}

function positionKey(workflow: Workflow, toSource: (position: SourcePosition) => SourcePosition): string | undefined {
  const site = workflow.definedAt ? resolveCallSite(workflow.definedAt) : undefined;
  if (!site) return undefined;
  const position = toSource(site);
  return `${position.file}:${position.line}:${position.column}\0${workflow.fileName}`;
}

function resolveRemote(remote: RemoteWorkflow, jobId: string): CalleeResolution {
  const problems = [
    /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(remote.repo) ? undefined : `repo "${remote.repo}" is not "owner/name"`,
    /^[^/\\]+\.ya?ml$/.test(remote.file) ? undefined : `file "${remote.file}" is not a file name ending in .yml or .yaml`,
    /^[0-9a-f]{40}$/.test(remote.sha) ? undefined : `sha "${remote.sha}" is not a full 40-character commit SHA`,
    typeof remote.tag === "string" && remote.tag !== "" ? undefined : "tag is empty",
  ].filter((problem) => problem !== undefined);
  if (problems.length) {
    return { message: `job "${jobId}" calls remoteWorkflow(…), whose ${problems.join(", ")}`, hint: "describe the published workflow by its repository, its file in .github/workflows, the full commit SHA and the tag it was released as" };
  }
  return { uses: `${remote.repo}/.github/workflows/${remote.file}@${remote.sha}`, tag: remote.tag };
}

function definedAt(site: CallSite | undefined, toSource: ((position: SourcePosition) => SourcePosition) | undefined): string {
  const resolved = site && toSource ? resolveCallSite(site) : undefined;
  if (!resolved || !toSource) return "";
  const position = toSource(resolved);
  return ` (defined at ${position.file}:${position.line}:${position.column})`;
}
