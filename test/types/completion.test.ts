// Completion through TypeScript's language service, as an editor asks for it: the typed contexts
// offer exactly the names the workflow declares.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILE = path.join(REPO_ROOT, "test/types/__completion__.ts");
const CURSOR = "/*|*/";

// One source with a cursor per case; each case is the text before its cursor.
const SOURCE = `
import { expr, github, job, jobSteps, step } from "../../src/index.js";
const build = job({ "runs-on": "ubuntu-latest", outputs: { version: "v", digest: "d" }, steps: [step({ run: "make" })] });
export const test = job.using(
  { needs: { build }, strategy: { matrix: { os: ["ubuntu-latest"], node: [20], include: [{ os: "ubuntu-latest", coverage: true }] } } },
  ({ needs, matrix }) => ({
    "runs-on": matrix.${CURSOR}os,
    steps: [
      step({ run: expr\`echo \${needs.build.outputs.${CURSOR}version}\` }),
      step({ run: expr\`echo \${github.event.pull_request.${CURSOR}number}\` }),
    ],
  }),
);
export const built = jobSteps()
  .add(step({ id: "version", run: "make version" }, { outputs: ["tag", "sha"] }))
  .add(({ steps }) => step({ run: expr\`echo \${steps.${CURSOR}version.outputs.${CURSOR}tag}\` }))
  .add(step({ id: "later", run: "make later" }));
export const plain = step({ ${CURSOR} });
`;

function languageService(text: string): ts.LanguageService {
  const { config } = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const content = name === FILE ? text : ts.sys.fileExists(name) ? readFileSync(name, "utf8") : undefined;
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => REPO_ROOT,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => name === FILE || ts.sys.fileExists(name),
    readFile: (name) => (name === FILE ? text : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

describe("completion of typed contexts", () => {
  let completions: string[][];
  beforeAll(() => {
    const positions: number[] = [];
    let text = SOURCE;
    for (let index = text.indexOf(CURSOR); index !== -1; index = text.indexOf(CURSOR)) {
      positions.push(index);
      text = text.slice(0, index) + text.slice(index + CURSOR.length);
    }
    const service = languageService(text);
    completions = positions.map((position) => (service.getCompletionsAtPosition(FILE, position, {})?.entries ?? []).filter((entry) => entry.kind === ts.ScriptElementKind.memberVariableElement || entry.kind === ts.ScriptElementKind.memberGetAccessorElement).map((entry) => entry.name).sort());
  }, 60_000);

  it("issue 10.3: after `matrix.`, the axes and the keys `include` rows add", () => {
    expect(completions[0]).toEqual(["coverage", "node", "os"]);
  });

  it("issue 10.3: after `needs.build.outputs.`, the outputs `build` declares", () => {
    expect(completions[1]).toEqual(["digest", "version"]);
  });

  it("issue 10.2: after `github.event.pull_request.`, the fields of the pull_request payload", () => {
    expect(completions[2]).toEqual(expect.arrayContaining(["base", "draft", "head", "number", "title"]));
    expect(completions[2]).not.toContain("pull_request");
  });

  it("issue 10.3: after `steps.` inside jobSteps, only the ids of the earlier steps", () => {
    expect(completions[3]).toEqual(["version"]);
  });

  it("issue 10.3: after `steps.version.outputs.`, the outputs that step declares", () => {
    expect(completions[4]).toEqual(["sha", "tag"]);
  });

  it("issue 10.3: inside `step({ })`, the keys of a step, and no key of a job", () => {
    // a key that is not an identifier is offered with its quotes, as it is written in the object
    expect(completions[5]).toEqual(expect.arrayContaining(['"continue-on-error"', "env", "id", "if", "name", "run", "shell", '"timeout-minutes"', "uses", "with", '"working-directory"']));
    expect(completions[5]).not.toContain("runs-on");
    expect(completions[5]).not.toContain("steps");
  });
});

// Bindings written by `trunkline actions add` (the fixtures are two real ones): inputs and outputs
// come from the action's own metadata.
const BINDINGS_SOURCE = `
import { expr, jobSteps, step } from "../../src/index.js";
import { actionsCache } from "./actions-fixtures/bindings/actions-cache.js";
import { actionsCheckout } from "./actions-fixtures/bindings/actions-checkout.js";
export const checkout = actionsCheckout({ with: { ${CURSOR} } });
export const cached = jobSteps()
  .add(actionsCache({ id: "deps", with: { path: "node_modules", key: "deps" } }))
  .add(({ steps }) => step({ run: expr\`echo \${steps.deps.outputs["${CURSOR}"]}\` }));
`;

describe("completion of action bindings", () => {
  let completions: string[][];
  beforeAll(() => {
    const positions: number[] = [];
    let text = BINDINGS_SOURCE;
    for (let index = text.indexOf(CURSOR); index !== -1; index = text.indexOf(CURSOR)) {
      positions.push(index);
      text = text.slice(0, index) + text.slice(index + CURSOR.length);
    }
    const service = languageService(text);
    completions = positions.map((position) => (service.getCompletionsAtPosition(FILE, position, {})?.entries ?? []).map((entry) => entry.name).sort());
  }, 60_000);

  it("issue 11.2: inside a binding's `with: { }`, the action's inputs", () => {
    expect(completions[0]).toEqual(expect.arrayContaining(['"fetch-depth"', '"persist-credentials"', "ref", "repository", "token"]));
    expect(completions[0]).not.toContain('"fetch-dpeth"');
  });

  it("issue 11.2: after a bound step's `outputs[`, the outputs its action declares", () => {
    expect(completions[1]).toEqual(["cache-hit"]);
  });
});
