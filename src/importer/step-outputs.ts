// The outputs an imported step is known to set, so that later steps and the job's `outputs` can
// read them typed: the names a `run` script visibly writes to $GITHUB_OUTPUT, or the outputs the
// action catalog (the lockfile's recorded metadata, then the bundled popular actions) lists for the
// action a step uses. Anything less certain gives undefined, and the reads stay strings.
import type { Json, JsonObject } from "../model/json.js";
import type { ActionCatalog } from "../rules/_action-catalog.js";
import { isCommitSha, parseUses } from "../rules/_uses.js";

// An output name trunkline can read as `.name` and GitHub's grammar reads the same way.
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// `>> "$GITHUB_OUTPUT"`, `>> $GITHUB_OUTPUT`, `>> ${GITHUB_OUTPUT}`, `>> $env:GITHUB_OUTPUT` (PowerShell)
const APPEND_TO_OUTPUT = />>\s*"?\$(?:\{GITHUB_OUTPUT\}|GITHUB_OUTPUT\b|env:GITHUB_OUTPUT\b)"?/;
// `echo "name=…"`, `echo 'name<<EOF'`, `printf "name=%s\n" …`, PowerShell's `"name=…"` at the start of the command
const WRITTEN_NAME = /^(?:(?:echo|printf)\s+(?:-[neE]+\s+)*["']?|["'])([A-Za-z_][A-Za-z0-9_-]*)(?:=|<<)/;
// the deprecated workflow command, which GitHub still honours: `echo "::set-output name=tag::v1"`
const SET_OUTPUT = /::set-output name=([A-Za-z_][A-Za-z0-9_-]*)::/g;
// shells whose `>>` appends to a file and whose `echo` writes its arguments
const SHELLS = /^(?:bash|sh|pwsh|powershell)(?:\s|$)/;

/**
 * The names a `run` script writes to $GITHUB_OUTPUT, one command a line (`echo "tag=v1" >> "$GITHUB_OUTPUT"`),
 * or prints as `::set-output` commands (in any shell: they are read from its output), in the order
 * first written. Lines that are comments are skipped; redirections are read only in the POSIX and
 * PowerShell shells.
 */
export function outputsWrittenBy(run: string, shell: Json | undefined): string[] {
  const redirects = shell === undefined || (typeof shell === "string" && SHELLS.test(shell));
  const names: string[] = [];
  for (const line of run.split("\n")) {
    const command = line.trim();
    if (command.startsWith("#")) continue;
    for (const match of command.matchAll(SET_OUTPUT)) names.push(match[1]!);
    const redirect = redirects ? APPEND_TO_OUTPUT.exec(command) : null;
    if (!redirect) continue;
    const written = WRITTEN_NAME.exec(command.slice(0, redirect.index).trim());
    if (written) names.push(written[1]!);
  }
  return [...new Set(names)].filter((name) => OUTPUT_NAME.test(name));
}

/** The outputs of the local actions a workflow uses, by `uses:` as written (`./.github/actions/version`). */
export type LocalActionOutputs = (uses: string) => readonly string[] | undefined;

/**
 * The outputs a step sets as far as they are known: a `run` step's written names, the outputs of
 * the local action it uses (its action.yml), or those `actions` lists for the remote action it uses
 * (by tag, or by SHA with its version comment). A step whose outputs cannot be known (a docker
 * action, a ref built by an expression, an action nobody describes) gives undefined.
 */
export function knownStepOutputs(step: JsonObject, actions: ActionCatalog | undefined, usesComment: string | undefined, localActions?: LocalActionOutputs): string[] | undefined {
  if (typeof step.run === "string") return outputsWrittenBy(step.run, step.shell);
  if (typeof step.uses !== "string" || step.uses.includes("${{")) return undefined;
  if (step.uses.startsWith("./")) return localActions?.(step.uses)?.filter((name) => OUTPUT_NAME.test(name));
  if (actions === undefined) return undefined;
  const target = parseUses(step.uses);
  if (target?.kind !== "remote") return undefined;
  const action = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  const version = isCommitSha(target.ref) ? usesComment?.trim().split(/\s+/)[0]?.replace(/^tag[=:]/, "") || target.ref : target.ref;
  const outputs = actions.spec(action, version, target.ref)?.outputs;
  return outputs?.filter((name) => OUTPUT_NAME.test(name));
}
