// A bot (Renovate, Dependabot) updates `uses: owner/repo@<sha> # vX` in YAML. In a generated file
// that is a hand edit; when it is the only difference from what `gen` writes, and only the pins of
// locked actions moved, `check` says so and names the command that takes the new pin into the lockfile.
import { parseHeader } from "../emit/header.js";
import { withLf } from "../sync/line-endings.js";
import type { ActionsLock } from "./lockfile.js";

/** One pin a bot moved: the action, where, and from which commit (and version comment) to which. */
export interface PinEdit {
  action: string;
  /** 1-based line in the file on disk. */
  line: number;
  from: { sha: string; tag: string | undefined };
  to: { sha: string; tag: string | undefined };
}

// `uses: owner/repo[/path]@<sha>`, optionally `# <tag>`, as a step or a job writes it
const USES = /^\s*(?:-\s+)?uses:\s+([^@\s#'"]+)@([0-9a-f]{40})(?:\s+#\s*(\S+))?\s*$/;

/**
 * The pins that differ between the file on disk and the one `gen` writes, when nothing else
 * differs and each is a locked action that `gen` pins at its locked commit; undefined otherwise.
 */
export function pinOnlyEdits(actual: string, expected: string, lock: ActionsLock): PinEdit[] | undefined {
  const onDisk = parseHeader(actual);
  const generated = parseHeader(expected);
  // the header's body hash is left as the bot found it; only the bodies are compared
  const actualBody = onDisk?.body ?? withLf(actual);
  const expectedBody = generated?.body ?? expected;
  const offset = onDisk ? withLf(actual).split("\n").length - actualBody.split("\n").length : 0;
  const actualLines = actualBody.split("\n");
  const expectedLines = expectedBody.split("\n");
  if (actualLines.length !== expectedLines.length) return undefined;
  const edits: PinEdit[] = [];
  for (let index = 0; index < actualLines.length; index++) {
    if (actualLines[index] === expectedLines[index]) continue;
    const now = USES.exec(actualLines[index]!);
    const wanted = USES.exec(expectedLines[index]!);
    if (!now || !wanted || now[1] !== wanted[1]) return undefined;
    const locked = lock.actions[wanted[1]!];
    if (locked === undefined || locked.sha !== wanted[2]) return undefined;
    // the text before `uses:` must be untouched too
    if (actualLines[index]!.slice(0, actualLines[index]!.indexOf("uses:")) !== expectedLines[index]!.slice(0, expectedLines[index]!.indexOf("uses:"))) return undefined;
    edits.push({ action: wanted[1]!, line: offset + index + 1, from: { sha: wanted[2]!, tag: wanted[3] }, to: { sha: now[2]!, tag: now[3] } });
  }
  return edits.length ? edits : undefined;
}

/** The command that takes a moved pin into the lockfile (and rewrites the action's binding). */
export function adoptPinCommand(edit: Pick<PinEdit, "action" | "to">): string {
  return `npx trunkline actions update ${edit.action} --to ${edit.to.sha}`;
}
