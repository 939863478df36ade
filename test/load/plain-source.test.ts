// The source scan reads each source once on a cold gen; it was rewritten to be cheap on code V8
// has not optimized yet. Its verdicts must be the first scan's, kept in plain-source-oracle.ts.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ciSource } from "../../src/init/ci-source.js";
import { plainImportsOf } from "../../src/load/plain-source.js";
import { syntheticWorkflowSource } from "../../scripts/bench/synthetic-sources.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { plainImportsOf as firstScan } from "./plain-source-oracle.js";

// Each path of the scan, the odd ones too: what it copies and what it leaves to esbuild.
const TABLE = [
  `import { job, step, workflow } from "trunkline";\nconst build = job({ steps: [step({ run: "echo hi" })] });\nexport default workflow("w", { jobs: { build } });\n`,
  `import a, * as b from "pkg";\nexport { x } from "@scope/other/sub";\nexport * from "node:path";\nconsole.log(a, b, \`\${a}\`);`,
  `import { pinnedAction } from "trunkline";\nexport const x = 1;`,
  `import { job, workflow } from "trunkline";\nconst test = job({ test: 1 });\nfunction later() { return test; }\nexport default workflow("w", { jobs: { test }, x: later() });`,
  `import { helper } from "./helper.js";\nhelper();`,
  `const m = await import("pkg");`,
  `import data from "pkg/data.json" with { type: "json" };\ndata;`,
  `import type { W } from "trunkline";`,
  `import { type W, job } from "trunkline";\njob();`,
  `export type { W } from "trunkline";`,
  `import { unused } from "side-effects";\nexport const x = 1;`,
  `import { used } from "side-effects";\nused.x;\nexport const y = { used: 1 };`,
  `import { used } from "side-effects";\nexport const y = { a: used };`,
  `import { job } from "trunkline";\njob<Foo>({});`,
  `const x = a / b;`,
  `class A { x = 1 }`,
  `const fs = require("node:fs");`,
  `x.require;`,
  `import { require } from "trunkline";`,
  `export { module } from "trunkline";`,
  `export default function () { return 1; }`,
  `export default async () => 1;`,
  `export default x => x;`,
  `export default function named() {}`,
  `import { job, workflow } from "trunkline";\nexport default workflow("w", { jobs: { test } });\nconst test = job({});`,
  `const a = { n: 1 }, b = a.n + c;\nconst c = 2;`,
  `const a = 1, b = a;`,
  `const self = [self];`,
  `run();\nconst later = 1;\nfunction run() { return helper(); }\nfunction helper() { return later; }`,
  `function run() { return later; }\nconst later = 1;\nrun();`,
  `function f() { return x; }\nfunction f() { return 1; }\nf();\nconst x = 1;`,
  `function* g() { yield x; }\ng;\nconst x = 1;`,
  `const { a, b } = { a: 1, b: 2 };`,
  `const a = 1, [b] = [2];`,
  `let x = 1\nconst y = 2\nvar z = x + y`,
  `const o = { x: 1 }; o?.x; o?.5:1;`,
  `export * as ns from "pkg";`,
  `export * as ( from "pkg";\n)`,
  `export * as { from "pkg";`,
  `export { a as "b" } from "pkg";`,
  `import { "a" as b } from "pkg";\nb();`,
  `import { "a" } from "pkg";`,
  `import x from \`pkg\`;\nx();`,
  `#!/usr/bin/env node\nimport { job } from "trunkline";\njob();`,
  `#!/usr/bin/env node`,
  `\uFEFFimport { job } from "trunkline";\u00a0job();`,
  `import { job } from "trunkline";\njob("é");`,
  `import { job } from "trunkline";\njob(é);`,
  `/* open comment`,
  `// only a comment`,
  `"unterminated`,
  `'line\nbreak'`,
  `"escaped \\" quote"; "trailing \\`,
  "`a${`b${c}`}d` + `${{ a: 1 }}`",
  "`${",
  "`text\\",
  "`${x}",
  "x = `}`; }",
  `} } const a = 1;`,
  `import.meta.url; x.import; x.export;`,
  `if (x) { import("y"); }`,
  `export = x;`,
  `export import A = B;`,
  `export const a = 1; export let b = a; export function c() { return d; } const d = 1;`,
  `const f = function g() { return h; }, h = 1;`,
  `let = 1;`,
  `const 1 = 2;`,
  `const a = f(x,) = 3;`,
  `const a = f(1, b = 2, b);`,
  `const a = [1, b = 2];\nconst b = 3;`,
  `function f() { if (x) { return y; } } f(); const y = 1;`,
  `function f() { if (x) { return 1; } } const y = f(); function g() { return y; } g();`,
  `g(); function g() { return y; } const y = 1;`,
  `const a = 1; x.const = 2; const b = a, c = b;`,
  `const a = x.let, b = a; x.function; x.import;`,
  `function f() { return g(); } function g() { return z; } const q = f; const z = 1;`,
  `import a from "pkg" assert { type: "json" };`,
  `import {} from "pkg";`,
  `import "pkg";`,
  `import * as x from "../up";`,
  `import x from "node:fs/promises"; x;`,
  `import x from "node:FS"; x;`,
  `import x from "pkg/../other"; x;`,
];

async function repositorySources(): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(path.join(REPO_ROOT, folder), { withFileTypes: true }).catch(() => [])) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(relative);
      else if (/\.[cm]?[jt]s$/.test(entry.name)) sources.set(relative, await readFile(path.join(REPO_ROOT, relative), "utf8"));
    }
  };
  for (const folder of ["workflows-src", "src", "test", "scripts", "bin", "examples", "templates"]) await walk(folder);
  const facts = { packageManager: "npm" as const, yarnBerry: false, packageManagerField: false, node: { test: true }, python: { requirements: true, pyproject: false }, go: true, rust: true, trunk: "main", checkCommand: "npm run check" };
  sources.set("(init)", ciSource(facts));
  sources.set("(init, pnpm)", ciSource({ ...facts, packageManager: "pnpm", node: undefined, python: undefined, go: false }));
  for (let index = 0; index < 12; index++) sources.set(`(synthetic ${index})`, syntheticWorkflowSource(index));
  return sources;
}

// Pieces of sources, the ones the scan looks for most: put together at random they make texts
// that are often plain, and often one token away from not being so.
const PIECES = [
  ...["import", "export", "default", "from", "as", "type", "with", "assert", "function", "async", "const", "let", "var", "class", "require", "satisfies", "await"],
  ...["a", "b", "job", "step", "workflow", "x1", "$y", "_z", "0", "1.5", "0x1f", "import.meta"],
  ...["{", "}", "(", ")", "[", "]", ";", ",", ":", "=", "=>", ".", "?.", "?.5", "*", "+", "!", "?", ">", "<", "/", "@", "#", "\\"],
  ...[`"trunkline"`, `"pkg"`, `"./rel.js"`, `'node:fs'`, `"@s/p/sub"`, `"a\\"b"`, `"open`, "`t${", "`t`", "}`", "${"],
  ...[" ", "\n", "\t", "\u00a0", "\ufeff", "é", "// c\n", "/* c */", "/* open", "#!x\n"],
  ...[`import { job, workflow } from "trunkline";\n`, `import a from "pkg";\n`, `export default workflow("w", {});\n`, `const a = job({});\n`, `function f() { return a; }\n`, `f();\n`, `export { a } from "pkg";\n`, `export * from "pkg";\n`],
];

const sourceLike = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 40 }).map((pieces) => pieces.join(" "));

describe("the source scan", () => {
  it("issue 13.scan-same: the scan gives the first scan's verdict on every table case, every source in the repository and each of its prefixes, and generated source-like texts", async () => {
    let plain = 0;
    let compared = 0;
    const same = (text: string, label: string) => {
      const verdict = plainImportsOf(text);
      expect(verdict, label).toEqual(firstScan(text));
      compared++;
      if (verdict) plain++;
    };
    for (const text of TABLE) same(text, text);
    const sources = await repositorySources();
    expect(sources.size).toBeGreaterThan(100);
    for (const [file, text] of sources) {
      same(text, file);
      // every prefix cut at a line end: unfinished statements, strings, comments and templates
      const lineEnds = [...text.matchAll(/\n/g)].map((match) => match.index!);
      for (const end of lineEnds.slice(0, 150)) same(text.slice(0, end), `${file} up to ${end}`);
    }
    // each source of a workflow cut anywhere
    for (const file of ["(init)", "(synthetic 0)", "workflows-src/ci.ts"]) {
      const text = sources.get(file)!;
      for (let end = 0; end < text.length; end += 3) same(text.slice(0, end), `${file} up to ${end}`);
    }
    fc.assert(
      fc.property(sourceLike, (text) => {
        same(text, text);
      }),
      { numRuns: 4000 },
    );
    // a piece put anywhere in a real source
    const base = [...sources.entries()].filter(([file]) => file.startsWith("(") || file.startsWith("workflows-src/")).map(([, text]) => text);
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.nat(), fc.constantFrom(...PIECES), (text, at, piece) => {
        const cut = at % (text.length + 1);
        same(`${text.slice(0, cut)}${piece}${text.slice(cut)}`, `${piece} at ${cut}`);
      }),
      { numRuns: 4000 },
    );
    // the comparison is not only of texts both scans refuse
    expect(plain).toBeGreaterThan(compared / 50);
    expect(plain).toBeGreaterThan(1000);
  }, 120_000);

  it("issue 13.scan-same: a source far larger than the kept buffers is read whole, and the next scan is unaffected", () => {
    const big = `import { job, workflow } from "trunkline";\n${Array.from({ length: 3000 }, (_, index) => `const j${index} = job({ n: ${index} });`).join("\n")}\nexport default workflow("w", { jobs: { j0, j2999 } });\n`;
    expect(plainImportsOf(big)).toEqual(["trunkline"]);
    expect(firstScan(big)).toEqual(["trunkline"]);
    expect(plainImportsOf(`${big}\nconst late = j2999 + later;\nconst later = 1;`)).toBeUndefined();
    expect(plainImportsOf(TABLE[0]!)).toEqual(["trunkline"]);
  });
});
