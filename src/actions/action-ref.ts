// `owner/repo[/path]@ref`: what `trunkline actions add` takes, as GitHub's `uses:` spells it.

/** An action asked for: the repository, the folder of its `action.yml` inside it, and a ref. */
export interface ActionRef {
  owner: string;
  repo: string;
  /** The folder holding `action.yml` inside the repository; "" for the root. */
  path: string;
  /** A tag (`v7`, `v7.0.1`) or a full commit SHA. */
  ref: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** `owner/repo[/path]`: the key of an action in the lockfile and the metadata folders. */
export function actionKey(action: Pick<ActionRef, "owner" | "repo" | "path">): string {
  return [action.owner, action.repo, action.path].filter(Boolean).join("/");
}

/** `owner/repo`: where an action's tags live (every action of a repository shares them). */
export function repositoryOf(action: Pick<ActionRef, "owner" | "repo">): string {
  return `${action.owner}/${action.repo}`;
}

/** Parses `owner/repo[/path]@ref`; a message saying what is wrong when it is not that. */
export function parseActionRef(text: string): ActionRef | { problem: string } {
  const at = text.lastIndexOf("@");
  if (at < 0) return { problem: `"${text}" names no version; add one, e.g. ${text}@v4` };
  const ref = text.slice(at + 1);
  const [owner = "", repo = "", ...rest] = text.slice(0, at).split("/");
  if (!NAME.test(owner) || !NAME.test(repo) || rest.some((segment) => !NAME.test(segment) || segment === ".." || segment === ".")) {
    return { problem: `"${text}" is not owner/repo[/path]@ref` };
  }
  if (!/^[A-Za-z0-9_.\-/+]+$/.test(ref)) return { problem: `"${ref}" in "${text}" is not a tag or a commit SHA` };
  return { owner, repo, path: rest.join("/"), ref };
}

/** A full commit SHA: the only ref nobody can move. */
export function isFullSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}

/**
 * The release a commit is best known by among the tags pointing at it: the most specific one
 * (`v7.0.1` over `v7`), so the version comment says which release it is.
 */
export function mostSpecificTag(tags: Readonly<Record<string, string>>, sha: string): string | undefined {
  const candidates = Object.keys(tags).filter((tag) => tags[tag] === sha);
  const parts = (tag: string) => tag.split(/[.-]/).length;
  return candidates.sort((a, b) => parts(b) - parts(a) || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}
