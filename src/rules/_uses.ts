// The parts of a `uses:` value: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsuses
import { textMemo } from "./_text-memo.js";

/** A `uses:` value taken apart. */
export type UsesTarget =
  | { kind: "local"; path: string }
  | { kind: "docker"; image: string }
  | { kind: "remote"; owner: string; repo: string; subpath: string; ref: string };

// Several rules read every step's `uses`, and the same actions recur across files.
const parsed = textMemo<UsesTarget | undefined>(10_000);

/** Splits `owner/repo[/path]@ref`, `./path` (or `$/path`) and `docker://image`; undefined when it is none of them. */
export function parseUses(uses: string): UsesTarget | undefined {
  return parsed(uses, () => splitUses(uses));
}

function splitUses(uses: string): UsesTarget | undefined {
  // `$/path`: the same repository at the running commit, as `./path` (GitHub's parser reads it so)
  if (uses.startsWith("./") || uses.startsWith(".\\") || uses.startsWith("$/")) return { kind: "local", path: uses };
  if (uses.startsWith("docker://")) return { kind: "docker", image: uses.slice("docker://".length) };
  const at = uses.lastIndexOf("@");
  if (at < 0) return undefined;
  const [owner, repo, ...rest] = uses.slice(0, at).split("/");
  if (!owner || !repo) return undefined;
  return { kind: "remote", owner, repo, subpath: rest.join("/"), ref: uses.slice(at + 1) };
}

/** Whether a remote action or workflow is `actions/checkout` at any version. */
export function isCheckout(uses: string | undefined): boolean {
  const target = uses === undefined ? undefined : parseUses(uses);
  return target?.kind === "remote" && target.owner.toLowerCase() === "actions" && target.repo.toLowerCase() === "checkout" && target.subpath === "";
}

/** A full commit SHA: the only ref nobody can move. */
export function isCommitSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}
