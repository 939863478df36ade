import { DOCUMENT } from "./brand.js";

/** A Markdown file generated beside a target's workflows, built with {@link document}. */
export interface Document {
  readonly [DOCUMENT]: true;
  /** The path of the file relative to the target's repository root, e.g. `RELEASING.md`. */
  readonly fileName: string;
  /** The Markdown body; trunkline adds the generated-file header above it. */
  readonly text: string;
}

/**
 * Declares a generated Markdown document — a runbook such as `RELEASING.md` — written at the root of
 * the repository the target's workflows belong to (`generated/<target>/RELEASING.md`, or the root
 * for this repository's own workflows). Build its text from the same values as the workflows, so
 * the two cannot drift; like a workflow, a hand edit is detected and never silently overwritten.
 * @example export const releasing = document("RELEASING.md", releasingGuide({ … }));
 */
export function document(fileName: string, text: string): Document {
  return { [DOCUMENT]: true, fileName, text: text.endsWith("\n") ? text : `${text}\n` };
}
