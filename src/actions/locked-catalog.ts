// The actions trunkline.actions.lock.json locks, as the `action-*` rules see them: a step that uses
// a locked action at its locked commit (or by its locked ref) is checked against the metadata the
// lockfile recorded; any other step is looked up in the bundled data set. The metadata is read only
// when rules are about to run, so a `gen` whose outputs are all known clean reads none of it.
import type { Io } from "../io/io.js";
import { toProjectPath } from "../io/project-path.js";
import { type ActionCatalog, type ActionSpec, bundledActionCatalog } from "../rules/_action-catalog.js";
import { parseActionRef } from "./action-ref.js";
import { parseLockfile } from "./lockfile.js";
import { metadataSha256, parseActionMetadata } from "./metadata.js";
import { folderSource } from "./sources/folder-source.js";

/** Where metadata is cached (the same folder `actions add` writes to). */
const ACTIONS_CACHE = ".trunkline/actions-cache";

/** One locked action with the inputs and outputs its recorded metadata declares; plain data, so it can be posted to a worker. */
export interface LockedActionSpec {
  /** `owner/repo[/path]` as the lockfile spells it. */
  key: string;
  sha: string;
  ref: string;
  tag: string;
  inputs: { name: string; required: boolean; deprecated: boolean }[];
  outputs: string[];
}

/** A catalog of the locked actions over a fallback, and the step that reads their metadata. */
export interface LockedActionCatalog {
  catalog: ActionCatalog;
  /** Reads the locked actions' metadata; the catalog answers from the fallback until it has. Reads once, however often called. */
  load(): Promise<void>;
  /** What {@link load} read. */
  specs(): LockedActionSpec[];
}

/**
 * The lockfile's actions over `fallback` (the bundled popular actions by default). Metadata is
 * looked up in the folder `TRUNKLINE_ACTIONS_METADATA` names, then in the cache; a file whose
 * sha256 is not the one the lockfile records is not used (the fallback answers for that action).
 */
export function lockedActionCatalog(io: Io, lockText: string | undefined, fallback: ActionCatalog = bundledActionCatalog()): LockedActionCatalog {
  let specs: LockedActionSpec[] = [];
  let catalog = fallback;
  let loading: Promise<void> | undefined;
  const load = async () => {
    const lock = parseLockfile(lockText);
    if ("problem" in lock || Object.keys(lock.actions).length === 0) return;
    const typed = io.env.TRUNKLINE_ACTIONS_METADATA;
    const folders = [...(typed ? [toProjectPath(io, typed)] : []), ACTIONS_CACHE].map((folder) => folderSource(io, folder));
    const found = await Promise.all(
      Object.entries(lock.actions).map(async ([key, entry]): Promise<LockedActionSpec | undefined> => {
        const action = parseActionRef(`${key}@${entry.sha}`);
        if ("problem" in action) return undefined;
        for (const folder of folders) {
          const file = await folder.metadata(action, entry.sha);
          if (file === undefined || metadataSha256(file.text) !== entry.metadataSha256) continue;
          const metadata = parseActionMetadata(file.text);
          if ("problem" in metadata) continue;
          const inputs = Object.entries(metadata.inputs).map(([name, input]) => ({ name, required: input.required, deprecated: input.deprecationMessage !== undefined }));
          return { key, sha: entry.sha, ref: entry.ref, tag: entry.tag, inputs, outputs: Object.keys(metadata.outputs) };
        }
        return undefined;
      }),
    );
    specs = found.filter((spec) => spec !== undefined);
    catalog = catalogOfLockedSpecs(specs, fallback);
  };
  return {
    catalog: { spec: (action, version, ref) => catalog.spec(action, version, ref), outdated: (action, version) => catalog.outdated(action, version) },
    load: () => (loading ??= load()),
    specs: () => specs,
  };
}

/** A catalog answering from the locked specs first, then from `fallback`. */
export function catalogOfLockedSpecs(specs: readonly LockedActionSpec[], fallback: ActionCatalog): ActionCatalog {
  if (specs.length === 0) return fallback;
  const byAction = new Map<string, { locked: LockedActionSpec; spec: ActionSpec }>();
  for (const locked of specs) {
    const inputs = new Map(locked.inputs.map((input) => [input.name.toLowerCase(), input]));
    // an action.yml cannot say that its action sets outputs it does not declare: only the table of
    // popular actions knows, so an action it does not know is taken to set any
    const anyOutputs = fallback.spec(locked.key, locked.tag)?.anyOutputs ?? true;
    byAction.set(locked.key.toLowerCase(), { locked, spec: { spec: `${locked.key}@${locked.tag}, as locked`, inputs, outputs: locked.outputs, anyInputs: false, anyOutputs } });
  }
  return {
    spec(action, version, ref) {
      const entry = byAction.get(action.toLowerCase());
      // only the locked commit: another ref may run code whose inputs differ
      if (entry && ref !== undefined && (ref.toLowerCase() === entry.locked.sha || ref === entry.locked.ref)) return entry.spec;
      return fallback.spec(action, version, ref);
    },
    outdated: (action, version) => fallback.outdated(action, version),
  };
}
