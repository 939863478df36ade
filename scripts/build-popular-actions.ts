// Writes src/rules/data/popular-actions.json, the inputs and outputs of popular actions that the
// `action-*` rules check `with:` against, from actionlint's data set converted to JSON (MIT; see
// src/rules/data/NOTICE.md). Only facts are kept: input names with their required and deprecated
// flags, output names, and which specs take any input or output; descriptions and messages are dropped.
//
//   npx tsx scripts/build-popular-actions.ts [source.json]          write the file
//   npx tsx scripts/build-popular-actions.ts [source.json] --check  exit 1 when the file is stale
//
// The source defaults to ../shared/corpora/popular-actions/popular-actions.json beside the checkout.
// Without it, --check says so and passes: the shipped file is what trunkline reads, never the source.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The shipped data set, relative to the package root. */
export const POPULAR_ACTIONS_FILE = "src/rules/data/popular-actions.json";

interface SourceInput {
  required: boolean;
  deprecated?: boolean;
}

interface SourceSpec {
  inputs: Record<string, SourceInput>;
  outputs: string[];
  skipInputs?: boolean;
  skipOutputs?: boolean;
}

interface SourceDataSet {
  source: string;
  actions: Record<string, SourceSpec>;
  outdated: string[];
}

/** The shipped form of one spec: names only, sorted, so a regenerated file diffs line by line. */
export interface CompactSpec {
  inputs: string[];
  required?: string[];
  deprecated?: string[];
  outputs: string[];
  /** The action reads inputs it does not declare: an unknown name is not a mistake. */
  anyInputs?: true;
  anyOutputs?: true;
}

/** Turns the source data set into the text of the shipped file. */
export function renderPopularActions(source: SourceDataSet): string {
  const names = (list: Iterable<string>) => [...list].sort();
  const lines = Object.keys(source.actions)
    .sort()
    .map((spec) => {
      const entry = source.actions[spec]!;
      const inputs = Object.entries(entry.inputs);
      const compact: CompactSpec = {
        inputs: names(inputs.map(([name]) => name)),
        ...(inputs.some(([, input]) => input.required) ? { required: names(inputs.filter(([, input]) => input.required).map(([name]) => name)) } : {}),
        ...(inputs.some(([, input]) => input.deprecated) ? { deprecated: names(inputs.filter(([, input]) => input.deprecated).map(([name]) => name)) } : {}),
        outputs: names(entry.outputs),
        ...(entry.skipInputs ? { anyInputs: true as const } : {}),
        ...(entry.skipOutputs ? { anyOutputs: true as const } : {}),
      };
      return `    ${JSON.stringify(spec)}: ${JSON.stringify(compact)}`;
    });
  const outdated = names(source.outdated).map((spec) => `    ${JSON.stringify(spec)}`);
  return `{\n  "source": ${JSON.stringify(`${source.source}; names and flags only`)},\n  "actions": {\n${lines.join(",\n")}\n  },\n  "outdated": [\n${outdated.join(",\n")}\n  ]\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const checkOnly = process.argv.includes("--check");
  const sourceFile = process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? path.resolve(root, "../shared/corpora/popular-actions/popular-actions.json");
  const target = path.join(root, POPULAR_ACTIONS_FILE);
  if (!existsSync(sourceFile)) {
    process.stdout.write(`${POPULAR_ACTIONS_FILE}: source ${sourceFile} is not there; nothing to compare\n`);
    process.exit(checkOnly ? 0 : 1);
  }
  const text = renderPopularActions(JSON.parse(readFileSync(sourceFile, "utf8")) as SourceDataSet);
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (checkOnly) {
    if (current !== text) {
      process.stderr.write(`${POPULAR_ACTIONS_FILE} is ${current === undefined ? "missing" : "stale"}; run "npx tsx scripts/build-popular-actions.ts"\n`);
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${POPULAR_ACTIONS_FILE}\n`);
  }
}
