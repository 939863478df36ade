import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ExperimentalFeatures } from "@actions/expressions/features";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/temp-repo.js";
import { validateWithParser } from "../../src/validate/parser.js";

/** The external corpora beside the repository (layout: ../shared/corpora/README.md). */
export const CORPORA_DIR = path.resolve(REPO_ROOT, "../shared/corpora");
/** Whether the corpora are present (they live beside the checkout, not in it). */
export const HAS_CORPORA = existsSync(path.join(CORPORA_DIR, "actionlint-ok"));

/** One workflow file of a corpus. */
export interface CorpusFile {
  name: string;
  text: string;
}

/** Every workflow the import round trip must reproduce, per corpus, and the inputs left out with why. */
export interface CorpusInputs {
  "actionlint-ok": CorpusFile[];
  "schemastore-valid": CorpusFile[];
  "github-parser": CorpusFile[];
  /** github-parser cases whose workflow GitHub's parser rejects, by case file, with its first error. */
  parserRejected: Map<string, string>;
}

function readFolder(folder: string, extension: string): CorpusFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") }));
}

/**
 * Reads the corpora. actionlint-ok and SchemaStore's valid cases are imported whole, whether or not
 * GitHub's parser accepts them (the importer is not a validator); of the github-parser reader cases,
 * only the workflow under test (the second `---` part) is taken, and only when the parser accepts it.
 */
export async function readCorpusInputs(): Promise<CorpusInputs> {
  const parserCases = readFolder(path.join(CORPORA_DIR, "github-parser/reader"), ".yml");
  const accepted: CorpusFile[] = [];
  const parserRejected = new Map<string, string>();
  for (const { name, text } of parserCases) {
    const parts = text.split(/\r?\n---\r?\n/);
    const options = (parse(parts[0] ?? "") ?? {}) as { "experimental-features"?: ExperimentalFeatures };
    const workflow = parts[1] ?? "";
    const errors = await validateWithParser(workflow, `.github/workflows/${name}`, { featureFlags: options["experimental-features"] });
    if (errors.length) parserRejected.set(name, errors[0]!.message);
    else accepted.push({ name, text: workflow });
  }
  return {
    "actionlint-ok": readFolder(path.join(CORPORA_DIR, "actionlint-ok"), ".yaml"),
    "schemastore-valid": readFolder(path.join(CORPORA_DIR, "schemastore/valid"), ".yaml"),
    "github-parser": accepted,
    parserRejected,
  };
}
