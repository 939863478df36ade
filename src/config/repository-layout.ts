// Where one target's repository starts. A target writing `generated/web/.github/workflows` stands
// for the repository checked out at `generated/web/`; its documents and rulesets go there too.
const WORKFLOWS_FOLDER = /(^|\/)\.github\/workflows$/;

/**
 * The repository a workflows folder belongs to, as a path prefix: `""` for `.github/workflows`,
 * `generated/web/` for `generated/web/.github/workflows`, and the folder itself (`ci-out/`) for an
 * output folder that is not a `.github/workflows`.
 */
export function repositoryPrefixOf(outDir: string): string {
  if (WORKFLOWS_FOLDER.test(outDir)) return outDir.replace(WORKFLOWS_FOLDER, "$1");
  return outDir === "" ? "" : `${outDir}/`;
}

/** The repository prefix of a workflow file: {@link repositoryPrefixOf} its folder. */
export function repositoryPrefixOfFile(file: string): string {
  return repositoryPrefixOf(file.includes("/") ? file.replace(/\/[^/]*$/, "") : "");
}
