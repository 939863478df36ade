// Writes docs/rules/<id>.md (and the index) from the rules' own docs: `npm run docs:rules`.
// With --check, writes nothing and fails when a page is stale, missing or left over; `npm run check`
// runs it so a rule change without its page fails CI.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RULE_DOCS_DIR, renderRuleDocs } from "../src/rules/_docs.js";
import { allRules } from "../src/rules/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = path.join(root, RULE_DOCS_DIR);
const checkOnly = process.argv.includes("--check");
const pages = renderRuleDocs(allRules);
const onDisk = new Set(readdirSafe(folder).filter((name) => name.endsWith(".md")).map((name) => `${RULE_DOCS_DIR}/${name}`));

const problems: string[] = [];
for (const [file, text] of pages) {
  const current = readSafe(path.join(root, file));
  if (current === text) continue;
  if (checkOnly) problems.push(`${file} is ${current === undefined ? "missing" : "stale"}`);
  else {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(root, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
for (const file of onDisk) {
  if (pages.has(file)) continue;
  if (checkOnly) problems.push(`${file} belongs to no rule`);
  else {
    rmSync(path.join(root, file));
    process.stdout.write(`removed ${file}\n`);
  }
}
if (problems.length) {
  process.stderr.write(`${problems.join("\n")}\nrun "npm run docs:rules" and commit the result\n`);
  process.exitCode = 1;
}

function readSafe(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
