import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.js";

// Contexts with a typed form (src/expressions/): written as `${{ … }}` text in a template or an
// example source, they would escape the type check. `secrets` and `vars` are string records with no
// names to check, so their strings stay.
const TYPED_CONTEXT_IN_TEXT = /\$\{\{\s*(github|runner|matrix|inputs|needs|steps|strategy|job)\b/;

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(folder, file));
}

// Lines of code, with comments (JSDoc defaults, explanations) left out.
function codeLines(file: string): { line: number; text: string }[] {
  return readFileSync(path.join(REPO_ROOT, file), "utf8")
    .split("\n")
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\/\*\*|\*)/.test(text));
}

describe("templates and example targets", () => {
  it("issue 10.5: write typed expressions, not ${{ }} strings, wherever the context has a typed form", () => {
    const files = [...sourcesUnder("src/templates"), ...sourcesUnder("workflows-src")];
    expect(files.length).toBeGreaterThan(10);
    const strings = files.flatMap((file) => codeLines(file).filter(({ text }) => TYPED_CONTEXT_IN_TEXT.test(text)).map(({ line, text }) => `${file}:${line}: ${text.trim()}`));
    expect(strings).toEqual([]);
  });
});
