// Actions of this repository (`uses: ./.github/actions/<name>`, or `$/…`): their metadata is in the
// checkout, so a binding needs no lock entry; its stamp records the metadata file's sha256, so
// `check` sees a binding its action.yml has moved past, as it does for locked actions.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Io } from "../io/io.js";
import { BINDINGS_FOLDER, LOCAL_BINDING_HEADER, bindingFile, generateBindingsIndex, generateLocalBinding, localBindingKey } from "./bindings.js";
import { LOCKFILE, parseLockfile } from "./lockfile.js";
import { metadataSha256, parseActionMetadata } from "./metadata.js";

/** Whether an `actions add` argument names an action of this repository rather than `owner/repo@ref`. */
export function isLocalActionSpec(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("$/");
}

/** What adding local actions found and wrote. */
export interface LocalAddResult {
  problems: { spec: string; message: string; hint: string }[];
  /** `uses` → the binding file and the metadata file it was read from. */
  bound: { uses: string; file: string; metadataFile: string }[];
  written: string[];
}

// A folder name: `.github` yes, `.` and `..` (out of the folder) no.
const SEGMENT = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

/**
 * Writes the binding of each local action from its action.yml (or action.yaml), read relative to
 * the project root. A `$/` reference (the same repository, GitHub's newer spelling) is bound the
 * same way and written to the YAML as it is typed. Nothing is written when any spec fails.
 */
export async function addLocalActions(specs: readonly string[], io: Io): Promise<LocalAddResult> {
  const problems: LocalAddResult["problems"] = [];
  const bindings: { uses: string; file: string; metadataFile: string; text: string }[] = [];
  for (const raw of specs) {
    const uses = raw.replace(/\/+$/, "");
    const folder = uses.slice(2);
    if (!folder || !folder.split("/").every((segment) => SEGMENT.test(segment))) {
      problems.push({ spec: raw, message: `"${raw}" is not a folder of this repository`, hint: "name the folder holding the action.yml, e.g. ./.github/actions/setup" });
      continue;
    }
    let metadataFile: string | undefined;
    let text: string | undefined;
    for (const name of ["action.yml", "action.yaml"]) {
      text = await io.readText(`${folder}/${name}`);
      if (text !== undefined) {
        metadataFile = `${folder}/${name}`;
        break;
      }
    }
    if (metadataFile === undefined || text === undefined) {
      problems.push({ spec: raw, message: `${folder}/ holds no action.yml or action.yaml`, hint: `write ${folder}/action.yml (or generate it from a compositeAction in a source), then add it again` });
      continue;
    }
    const metadata = parseActionMetadata(text);
    if ("problem" in metadata) {
      problems.push({ spec: raw, message: `${metadataFile}: ${metadata.problem}`, hint: "fix the action's metadata, then add it again" });
      continue;
    }
    bindings.push({ uses, metadataFile, file: `${BINDINGS_FOLDER}/${bindingFile(localBindingKey(uses))}`, text: generateLocalBinding(uses, metadataFile, metadataSha256(text), metadata) });
  }
  if (problems.length) return { problems, bound: [], written: [] };
  const written: string[] = [];
  const writeIfChanged = async (file: string, text: string) => {
    if ((await io.readText(file)) === text) return;
    await io.writeAtomic(file, text);
    written.push(file);
  };
  for (const binding of bindings) await writeIfChanged(binding.file, binding.text);
  // the index lists them beside the locked actions, so a source imports either from one place
  // (an unreadable lockfile is left to `check`, with the index as it is)
  const lock = parseLockfile(await io.readText(LOCKFILE));
  if (!("problem" in lock)) await writeIfChanged(`${BINDINGS_FOLDER}/index.ts`, generateBindingsIndex(Object.keys(lock.actions), await localBindingFiles(io)));
  return { problems, bound: bindings.map(({ uses, file, metadataFile }) => ({ uses, file, metadataFile })), written };
}

/** The local actions' bindings in the bindings folder (those `actions add ./path` wrote), repo-relative. */
export async function localBindingFiles(io: Io): Promise<string[]> {
  const files: string[] = [];
  for (const file of await io.listFiles(BINDINGS_FOLDER, [".ts"])) if ((await io.readText(file))?.startsWith(LOCAL_BINDING_HEADER)) files.push(file);
  return files;
}

// `// metadata sha256 <hex> at <file>`: the second line of a local binding.
const STAMP = /^\/\/ metadata sha256 ([0-9a-f]{64}) at (\S+)$/;

/** `check` for local bindings: each must match its action.yml as it is now, which must still exist. */
export async function staleLocalBindings(io: Io): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const file of await io.listFiles(BINDINGS_FOLDER, [".ts"])) {
    const text = await io.readText(file);
    if (!text?.startsWith(LOCAL_BINDING_HEADER)) continue;
    const lines = text.split(/\r?\n/);
    const stamp = STAMP.exec(lines[1] ?? "");
    const uses = /"trunkline actions add (\S+)"/.exec(lines[0] ?? "")?.[1];
    if (!stamp || !uses) continue;
    const [, recorded, metadataFile] = stamp as unknown as [string, string, string];
    const metadata = await io.readText(metadataFile);
    if (metadata === undefined) {
      found.push({ rule: "actions", severity: "error", file, message: `${file} binds ${uses}, whose ${metadataFile} is gone`, hint: `delete ${file}, or restore ${metadataFile}` });
    } else if (metadataSha256(metadata) !== recorded) {
      found.push({ rule: "actions", severity: "error", file, message: `${file} is stale: ${metadataFile} changed after the binding was written`, hint: `run "npx trunkline actions add ${uses}", which rewrites it` });
    }
  }
  return found;
}
