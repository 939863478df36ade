// Cold `gen` of synthetic sources whose actions are typed bindings (`trunkline actions add`),
// beside the same sources with `uses:` strings: what the bindings cost a fresh clone, where no
// compiled source, validation result or action metadata is cached yet.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hasActionsCorpus, writeCorpusMetadataFolder } from "../../test/support/actions-corpus.js";
import { type SyntheticRepo, createSyntheticRepo } from "./synthetic-sources.js";
import { type Timing, expectSuccess, summarize, timeCommand } from "./time-command.js";

/** What a fresh clone lacks: every cache, the fetched action metadata included. */
const FRESH_CLONE_LACKS = [".trunkline/cache", ".trunkline/actions-cache"];

// The synthetic sources' two actions, and the bindings `actions add` names after them.
const BOUND = [
  { action: "actions/checkout", ref: "v7", binding: "actionsCheckout" },
  { action: "actions/setup-node", ref: "v7", binding: "actionsSetupNode" },
] as const;

/** Both timings, or why the case could not run. */
export type BindingsTiming = { strings: Timing; bindings: Timing } | { skipped: string };

/**
 * Times cold `gen` over `size` sources written both ways, alternating rounds so that a machine
 * getting busier does not favour either side.
 */
export async function benchBindings(size: number, options: { trunklineRoot: string; bin: string; runs: number; progress: (text: string) => void }): Promise<BindingsTiming> {
  if (!hasActionsCorpus) return { skipped: "../shared/corpora/actions is not there: the bindings are made from its action.yml files" };
  const metadata = mkdtempSync(path.join(tmpdir(), "trunkline-bench-metadata-"));
  const strings = createSyntheticRepo(options.trunklineRoot, size);
  const bindings = createSyntheticRepo(options.trunklineRoot, size);
  try {
    await writeCorpusMetadataFolder(metadata);
    const add = ["actions", "add", ...BOUND.map((entry) => `${entry.action}@${entry.ref}`), "--metadata", metadata, "--offline"];
    expectSuccess("trunkline", add)(spawnSync(process.execPath, [options.bin, ...add], { cwd: bindings.root, encoding: "utf8" }));
    for (let index = 0; index < size; index++) useBindings(bindings, index);
    const cold = (repo: SyntheticRepo) => () => {
      for (const folder of FRESH_CLONE_LACKS) rmSync(path.join(repo.root, folder), { recursive: true, force: true });
      const now = new Date();
      utimesSync(path.join(repo.root, repo.sourceFile(0)), now, now);
    };
    const env = { ...process.env, GITHUB_ACTIONS: "" };
    const samples = { strings: [] as Timing[], bindings: [] as Timing[] };
    const rounds = 2;
    for (let round = 0; round < rounds; round++) {
      const runs = Math.max(1, Math.ceil(options.runs / rounds));
      options.progress(`gen, ${size} sources, cold, uses: strings (round ${round + 1}) …\n`);
      samples.strings.push(timeCommand(process.execPath, [options.bin, "gen"], { cwd: strings.root, runs, before: cold(strings), env }));
      options.progress(`gen, ${size} sources, cold, action bindings (round ${round + 1}) …\n`);
      samples.bindings.push(timeCommand(process.execPath, [options.bin, "gen"], { cwd: bindings.root, runs, before: cold(bindings), env }));
    }
    return { strings: summarize(samples.strings.flatMap((timing) => timing.samples)), bindings: summarize(samples.bindings.flatMap((timing) => timing.samples)) };
  } finally {
    strings.dispose();
    bindings.dispose();
    rmSync(metadata, { recursive: true, force: true });
  }
}

// `step({ name, uses: "actions/checkout@<sha>", with })` → `actionsCheckout({ name, with })`.
function useBindings(repo: SyntheticRepo, index: number): void {
  const file = path.join(repo.root, repo.sourceFile(index));
  let text = readFileSync(file, "utf8");
  for (const { action, binding } of BOUND) {
    text = text.replaceAll(new RegExp(`step\\(\\{ (name: "[^"]*"), uses: "${action}@[0-9a-f]{40}", `, "g"), `${binding}({ $1, `);
  }
  writeFileSync(file, `import { ${BOUND.map((entry) => entry.binding).join(", ")} } from "./actions/index.js";\n${text}`);
}
