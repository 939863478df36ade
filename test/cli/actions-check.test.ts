import { createHash } from "node:crypto";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Node, type Pair, type Scalar, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { hasActionsCorpus, writeCorpusMetadataFolder, writeRelease } from "../support/actions-corpus.js";
import { diagnosticsOf } from "../support/json-output.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const OLD_SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const NEW_SHA = "c".repeat(40);
const SOURCE = `import { job, step, workflow } from "trunkline";
import { actionsCache, actionsCheckout } from "./actions/index.js";

const build = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  steps: [actionsCheckout({ with: { "fetch-depth": 0, "persist-credentials": false } }), actionsCache({ with: { path: "node_modules", key: "deps" } }), step({ run: "npm test" })],
});

export default workflow("ci", { name: "CI", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;
const WORKFLOW = ".github/workflows/ci.yml";
const ENV = { TRUNKLINE_ACTIONS_METADATA: "metadata" };

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line?: number;
  message: string;
  hint?: string;
}

// Every step's `uses` and the comment beside it, read from the parsed YAML.
function pinsOf(yaml: string): { uses: string; comment: string | undefined }[] {
  const steps = parseDocument(yaml).getIn(["jobs", "build", "steps"], true) as Node;
  if (!isSeq(steps)) throw new Error("no steps");
  return steps.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const value = item.items.find((entry: Pair) => isScalar(entry.key) && entry.key.value === "uses")?.value as Scalar | undefined;
    return value ? [{ uses: String(value.value), comment: value.comment?.trim() }] : [];
  });
}

// The command a hint names, as argv for the CLI: the words after "trunkline" inside its first quotes.
function commandOf(hint: string | undefined): string[] {
  const quoted = /"npx trunkline ([^"]+)"/.exec(hint ?? "");
  if (!quoted) throw new Error(`no command in hint: ${hint}`);
  return quoted[1]!.split(" ");
}

describe.skipIf(!hasActionsCorpus)("check and the actions lockfile (fixtures, no network; skipped without ../shared/corpora/actions)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  // checkout and cache locked, a workflow using them generated; checkout v7.1.0 published since
  const setUp = async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": SOURCE });
    await writeCorpusMetadataFolder(path.join(repo.root, "metadata"));
    expect((await repo.run(["actions", "add", "actions/checkout@v7", "actions/cache@v5", "--offline"], ENV)).code).toBe(0);
    expect((await repo.run(["gen"], ENV)).code).toBe(0);
    expect((await repo.run(["check"], ENV)).code).toBe(0);
    await writeRelease(path.join(repo.root, "metadata"), "actions/checkout", ["v7", "v7.1.0"], NEW_SHA, (text) => text);
    return repo;
  };

  it("issue 11.3: a bot's pin bump in a generated file is recognised as pin-only, and the command check names takes it into the lockfile: gen reproduces the file and check passes", async () => {
    const repo = await setUp();
    const original = (await repo.read(WORKFLOW))!;
    const bumped = original.replace(`actions/checkout@${OLD_SHA} # v7.0.1`, `actions/checkout@${NEW_SHA} # v7.1.0`);
    expect(bumped).not.toBe(original);
    await repo.write(WORKFLOW, bumped);

    const checked = await repo.run(["check", "--format", "json"], ENV);
    expect(checked.code).toBe(1);
    const findings = diagnosticsOf(checked) as Finding[];
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ file: WORKFLOW, line: bumped.split("\n").findIndex((line) => line.includes(NEW_SHA)) + 1 });
    expect(finding!.message).toContain(`only in the pin of actions/checkout: ${OLD_SHA} (v7.0.1) → ${NEW_SHA} (v7.1.0)`);
    expect(commandOf(finding!.hint)).toEqual(["actions", "update", "actions/checkout", "--to", NEW_SHA]);

    const adopted = await repo.run([...commandOf(finding!.hint), "--offline"], ENV);
    expect(adopted.stderr).not.toContain("hint:");
    expect(adopted.code).toBe(0);
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as { actions: Record<string, { ref: string; tag: string; sha: string }> };
    expect(lock.actions["actions/checkout"]).toMatchObject({ ref: "v7", tag: "v7.1.0", sha: NEW_SHA });

    const generated = await repo.run(["gen"], ENV);
    expect(generated.stderr).not.toMatch(/error/i);
    expect(generated.code).toBe(0);
    const written = (await repo.read(WORKFLOW))!;
    expect(pinsOf(written)[0]).toEqual({ uses: `actions/checkout@${NEW_SHA}`, comment: "v7.1.0" });
    // only the header's hash moved: the body is the bot's, byte for byte
    expect(written.split("\n").slice(2)).toEqual(bumped.split("\n").slice(2));
    expect((await repo.run(["check"], ENV)).code).toBe(0);
  }, 90_000);

  it("issue 11.3: a pin bump beside any other edit, or of an action the lockfile does not hold, stays an ordinary hand edit", async () => {
    const repo = await setUp();
    const original = (await repo.read(WORKFLOW))!;
    await repo.write(WORKFLOW, original.replace(`actions/checkout@${OLD_SHA} # v7.0.1`, `actions/checkout@${NEW_SHA} # v7.1.0`).replace("npm test", "npm test -- --ci"));
    const mixed = diagnosticsOf(await repo.run(["check", "--format", "json"], ENV)) as Finding[];
    expect(mixed.map((finding) => finding.message)).toEqual([expect.stringContaining("was edited by hand")]);

    await repo.write(WORKFLOW, original.replace(`actions/checkout@${OLD_SHA} # v7.0.1`, `octo-org/checkout@${NEW_SHA} # v7.1.0`));
    const foreign = diagnosticsOf(await repo.run(["check", "--format", "json"], ENV)) as Finding[];
    expect(foreign.map((finding) => finding.message)).toEqual([expect.stringContaining("was edited by hand")]);
  }, 90_000);

  it("issue 11.5: a binding the lockfile has moved past is a check failure naming the file and the command that rewrites it; after it, and gen, check passes", async () => {
    const repo = await setUp();
    // the lockfile moved by hand (or by a bot's regex manager): the binding still names the old commit
    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    await repo.write("trunkline.actions.lock.json", lockText.replace(OLD_SHA, NEW_SHA).replace('"tag": "v7.0.1"', '"tag": "v7.1.0"'));
    const checked = await repo.run(["check", "--format", "json"], ENV);
    expect(checked.code).toBe(1);
    const findings = (diagnosticsOf(checked) as Finding[]).filter((finding) => finding.rule === "actions");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "workflows-src/actions/actions-checkout.ts", severity: "error" });
    expect(findings[0]!.message).toContain("is stale");
    expect(commandOf(findings[0]!.hint)).toEqual(["actions", "update", "actions/checkout", "--to", NEW_SHA]);

    expect((await repo.run([...commandOf(findings[0]!.hint), "--offline"], ENV)).code).toBe(0);
    // the lockfile ahead of the YAML is no bot's edit: the workflow is only stale, and gen fixes it
    const stale = diagnosticsOf(await repo.run(["check", "--format", "json"], ENV)) as Finding[];
    expect(stale.map((finding) => [finding.file, finding.message.includes("is stale")])).toEqual([[WORKFLOW, true]]);
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as { actions: Record<string, { metadataSha256: string }> };
    expect(lock.actions["actions/checkout"]!.metadataSha256).toBe(createHash("sha256").update((await repo.read(`metadata/actions/checkout/${NEW_SHA}/action.yml`))!).digest("hex"));
    expect((await repo.run(["gen"], ENV)).code).toBe(0);
    expect((await repo.run(["check"], ENV)).code).toBe(0);
  }, 90_000);

  it("issue 11.5: a lockfile entry without a binding, and a binding of an action no longer locked, fail check, each naming its file", async () => {
    const repo = await setUp();
    // a source importing the missing binding cannot load (exit 2); this one does not import it
    await repo.write("workflows-src/ci.ts", SOURCE.replace('import { actionsCache, actionsCheckout } from "./actions/index.js";', 'import { actionsCheckout } from "./actions/actions-checkout.js";').replace(/actionsCache\(\{[^)]*\}\), /, ""));
    expect((await repo.run(["gen"], ENV)).code).toBe(0);
    await repo.remove("workflows-src/actions/actions-cache.ts");
    const failed = await repo.run(["check", "--format", "json"], ENV);
    expect(failed.code).toBe(1);
    const missing = (diagnosticsOf(failed) as Finding[]).filter((finding) => finding.rule === "actions");
    expect(missing.map((finding) => finding.file)).toEqual(["workflows-src/actions/actions-cache.ts"]);
    expect(missing[0]!.message).toContain("is missing");
    expect(commandOf(missing[0]!.hint)).toEqual(["actions", "update", "actions/cache", "--to", "27d5ce7f107fe9357f9df03efb73ab90386fccae"]);
    expect((await repo.run([...commandOf(missing[0]!.hint), "--offline"], ENV)).code).toBe(0);
    expect((await repo.run(["check"], ENV)).code).toBe(0);

    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as { actions: Record<string, unknown> };
    delete lock.actions["actions/cache"];
    await repo.write("trunkline.actions.lock.json", `${JSON.stringify(lock, null, 2)}\n`);
    const checked = await repo.run(["check", "--format", "json"], ENV);
    expect(checked.code).toBe(1);
    const orphaned = (diagnosticsOf(checked) as Finding[]).filter((finding) => finding.rule === "actions");
    expect(orphaned.map((finding) => finding.file).sort()).toEqual(["workflows-src/actions/actions-cache.ts", "workflows-src/actions/index.ts"]);
  }, 90_000);
});
