// What trunkline knows about actions' inputs and outputs, for the rules that check a step's `with:`.
// Rules ask an `ActionCatalog`; today it is the bundled data set of popular actions, read from disk
// on the first question only (most runs of `gen` never ask: their outputs passed before).
import { readFileSync } from "node:fs";

/** One input an action declares. */
export interface ActionInput {
  /** As the action spells it. */
  name: string;
  /** Required with no default: a step that leaves it out fails. */
  required: boolean;
  deprecated: boolean;
}

/** The inputs and outputs of one action at one version. */
export interface ActionSpec {
  /** The entry this came from, `owner/repo[/path]@ref` (`actions/checkout@v4`), for messages. */
  spec: string;
  /** By lowercased name: GitHub compares input names case-insensitively. */
  inputs: ReadonlyMap<string, ActionInput>;
  outputs: readonly string[];
  /** The action reads inputs it does not declare, so no name is unknown. */
  anyInputs: boolean;
  /** The action sets outputs it does not declare (named by its inputs), so no output name is unknown. */
  anyOutputs: boolean;
}

/** An action version whose runtime (node12, node16) GitHub's runners no longer provide. */
export interface OutdatedAction {
  /** The outdated entry, e.g. `actions/checkout@v2`. */
  spec: string;
  /** The newest major of the same action the catalog knows, e.g. `actions/checkout@v6`. */
  newest?: string;
}

/**
 * Where the `action-*` rules look up actions. `action` is `owner/repo[/path]`, `version` a tag or
 * a version comment (`v4`, `v4.1.2`) and `ref` what `uses:` names after `@` (a SHA for a pin); an
 * answer is undefined when the action or version is unknown.
 */
export interface ActionCatalog {
  spec(action: string, version: string, ref?: string): ActionSpec | undefined;
  outdated(action: string, version: string): OutdatedAction | undefined;
}

/** The shipped file's shape (scripts/build-popular-actions.ts writes it). */
interface PopularActionsFile {
  actions: Record<string, { inputs: string[]; required?: string[]; deprecated?: string[]; outputs: string[]; anyInputs?: true; anyOutputs?: true }>;
  outdated: string[];
}

// src/rules/ in a checkout; dist/ and dist/chunks/ in the bundle, which gets a copy in dist/data/.
const DATA_CANDIDATES = ["./data/popular-actions.json", "../data/popular-actions.json"];

let bundled: ActionCatalog | undefined;

/** The catalog of popular actions shipped with trunkline, loaded once per process on first use. */
export function bundledActionCatalog(): ActionCatalog {
  let loaded: ActionCatalog | undefined;
  const load = () => (loaded ??= catalogFromData(readPopularActions()));
  bundled ??= { spec: (action, version) => load().spec(action, version), outdated: (action, version) => load().outdated(action, version) };
  return bundled;
}

function readPopularActions(): PopularActionsFile {
  for (const candidate of DATA_CANDIDATES) {
    let text: string;
    try {
      text = readFileSync(new URL(candidate, import.meta.url), "utf8");
    } catch {
      continue;
    }
    return JSON.parse(text) as PopularActionsFile;
  }
  // NOTE: the build copies the file next to the bundle; its absence is a packaging bug
  throw new Error(`popular-actions.json not found beside ${import.meta.url}`);
}

/** Builds a catalog from data in the shipped file's shape: for the bundled set, and for tests. */
export function catalogFromData(data: PopularActionsFile): ActionCatalog {
  const specs = new Map<string, ActionSpec>();
  const majors = new Map<string, { major: number; spec: string }>();
  for (const [spec, entry] of Object.entries(data.actions)) {
    const required = new Set(entry.required ?? []);
    const deprecated = new Set(entry.deprecated ?? []);
    const inputs = new Map(entry.inputs.map((name) => [name.toLowerCase(), { name, required: required.has(name), deprecated: deprecated.has(name) }]));
    specs.set(spec.toLowerCase(), { spec, inputs, outputs: entry.outputs, anyInputs: entry.anyInputs === true, anyOutputs: entry.anyOutputs === true });
    const [action, ref] = splitSpec(spec);
    const major = majorOf(ref);
    if (major !== undefined && major.number > (majors.get(action)?.major ?? -1)) majors.set(action, { major: major.number, spec });
  }
  const outdated = new Set(data.outdated.map((spec) => spec.toLowerCase()));
  return {
    spec: (action, version) => findEntry(action, version, (key) => specs.get(key)),
    outdated: (action, version) => {
      const spec = findEntry(action, version, (key) => (outdated.has(key) ? key : undefined));
      if (spec === undefined) return undefined;
      const newest = majors.get(action.toLowerCase())?.spec;
      return { spec: data.outdated.find((entry) => entry.toLowerCase() === spec)!, ...(newest ? { newest } : {}) };
    },
  };
}

// The entry for a version: the exact ref (`v4.3.6`, `release/v1`, `stable`), else its major written
// the way entries write it (`v4`, `v2.x`): a tag `v4.1.2` or a comment `# v4.1.2` runs major 4's code.
function findEntry<T>(action: string, version: string, get: (key: string) => T | undefined): T | undefined {
  const name = action.toLowerCase();
  const exact = get(`${name}@${version.toLowerCase()}`);
  if (exact !== undefined) return exact;
  const major = majorOf(version);
  if (major === undefined) return undefined;
  return get(`${name}@${major.prefix}${major.number}`) ?? get(`${name}@${major.prefix}${major.number}.x`);
}

function splitSpec(spec: string): [action: string, ref: string] {
  const at = spec.lastIndexOf("@");
  return [spec.slice(0, at).toLowerCase(), spec.slice(at + 1)];
}

// `v4`, `v4.1.2`, `4.1` → major 4; anything else (`main`, `v3-node20`, a SHA) has none.
function majorOf(ref: string): { prefix: string; number: number } | undefined {
  const match = /^(v?)(\d+)(?:\.\d+)*(?:\.x)?$/i.exec(ref);
  return match ? { prefix: match[1]!.toLowerCase(), number: Number(match[2]) } : undefined;
}
