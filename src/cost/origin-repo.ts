/**
 * The `owner/name` of the GitHub repository a git config's `origin` remote points at
 * (`https://github.com/o/n.git`, `git@github.com:o/n.git`, `ssh://git@github.com/o/n`), if any.
 */
export function originRepo(gitConfig: string): string | undefined {
  let inOrigin = false;
  for (const line of gitConfig.split(/\r?\n/)) {
    const section = /^\s*\[(.*)\]\s*$/.exec(line);
    if (section) {
      inOrigin = /^remote\s+"origin"$/.test(section[1]!.trim());
      continue;
    }
    const url = inOrigin ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    const repo = url ? /github\.com[:/]+([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url) : undefined;
    if (repo) return `${repo[1]}/${repo[2]}`;
  }
  return undefined;
}

/** Whether text names a repository as the API does: `owner/name`. */
export function isRepoName(text: string): boolean {
  return /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(text);
}
