import type { TargetConfig } from "../config/define-config.js";

/**
 * Adds a source glob to a target in the text of `trunkline.config.ts`, or a whole target when the
 * config has none of that name. Edits the text in place (the author's formatting and comments
 * stay); returns undefined when the config is not written in a shape it can edit safely
 * (`targets: [ { name: "…", sources: [ … ] } ]` with literal values), so the caller can print the
 * change to make by hand instead.
 */
export function registerSources(configText: string, target: TargetConfig, glob: string, isNewTarget: boolean): string | undefined {
  if (isNewTarget) {
    const targets = findArrayAfter(configText, /\btargets\s*:\s*\[/g);
    if (!targets) return undefined;
    const entry = `{ name: ${JSON.stringify(target.name)}, sources: [${JSON.stringify(glob)}], outDir: ${JSON.stringify(target.outDir)} }`;
    return insertIntoArray(configText, targets, entry);
  }
  const namePattern = new RegExp(`\\bname\\s*:\\s*(["'\`])${escapeRegExp(target.name)}\\1`, "g");
  let nameAt = namePattern.exec(configText);
  while (nameAt && isInsideCommentOrString(configText, nameAt.index)) nameAt = namePattern.exec(configText);
  if (!nameAt) return undefined;
  const objectStart = enclosingBrace(configText, nameAt.index);
  if (objectStart === undefined) return undefined;
  const objectEnd = matchingClose(configText, objectStart);
  if (objectEnd === undefined) return undefined;
  const sourcesPattern = /\bsources\s*:\s*\[/g;
  sourcesPattern.lastIndex = objectStart;
  const sources = findArrayAfter(configText, sourcesPattern);
  if (!sources || sources.open > objectEnd) return undefined;
  return insertIntoArray(configText, sources, JSON.stringify(glob));
}

/** The snippet to add to the config by hand when {@link registerSources} cannot edit it. */
export function registrationSnippet(target: TargetConfig, glob: string, isNewTarget: boolean): string {
  return isNewTarget
    ? `add to targets: { name: ${JSON.stringify(target.name)}, sources: [${JSON.stringify(glob)}], outDir: ${JSON.stringify(target.outDir)} }`
    : `add ${JSON.stringify(glob)} to the sources of target "${target.name}"`;
}

interface ArrayRange {
  open: number;
  close: number;
}

function findArrayAfter(text: string, pattern: RegExp): ArrayRange | undefined {
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    if (isInsideCommentOrString(text, match.index)) continue;
    const close = matchingClose(text, open);
    return close === undefined ? undefined : { open, close };
  }
  return undefined;
}

// Appends an element, matching the array's layout: one per line when it already spans lines.
function insertIntoArray(text: string, range: ArrayRange, element: string): string {
  const inside = text.slice(range.open + 1, range.close);
  const trimmed = inside.trimEnd();
  if (trimmed.trim() === "") return `${text.slice(0, range.open + 1)}${element}${text.slice(range.close)}`;
  const needsComma = !trimmed.endsWith(",");
  if (inside.includes("\n")) {
    const lastLine = inside.slice(0, trimmed.length).split("\n").at(-1) ?? "";
    const indent = /^\s*/.exec(lastLine)?.[0] ?? "  ";
    const closingIndent = /[ \t]*$/.exec(inside)?.[0] ?? "";
    return `${text.slice(0, range.open + 1)}${trimmed}${needsComma ? "," : ""}\n${indent}${element},\n${closingIndent}${text.slice(range.close)}`;
  }
  return `${text.slice(0, range.open + 1)}${trimmed}${needsComma ? "," : ""} ${element}${text.slice(range.close)}`;
}

const PAIRS: Record<string, string> = { "[": "]", "{": "}", "(": ")" };

// The index of the bracket closing the one at `open`, skipping strings and comments.
function matchingClose(text: string, open: number): number | undefined {
  const stack: string[] = [];
  for (let index = open; index < text.length; index++) {
    const skipped = skipLiteral(text, index);
    if (skipped !== index) {
      index = skipped - 1;
      continue;
    }
    const char = text[index]!;
    if (PAIRS[char]) stack.push(PAIRS[char]!);
    else if (char === "]" || char === "}" || char === ")") {
      if (stack.pop() !== char) return undefined;
      if (stack.length === 0) return index;
    }
  }
  return undefined;
}

// The `{` of the innermost object literal around `position`.
function enclosingBrace(text: string, position: number): number | undefined {
  const opens: number[] = [];
  for (let index = 0; index < position; index++) {
    const skipped = skipLiteral(text, index);
    if (skipped !== index) {
      index = skipped - 1;
      continue;
    }
    const char = text[index]!;
    if (PAIRS[char]) opens.push(index);
    else if (char === "]" || char === "}" || char === ")") opens.pop();
  }
  for (let index = opens.length - 1; index >= 0; index--) if (text[opens[index]!] === "{") return opens[index];
  return undefined;
}

// Past a string, template or comment starting at `index`; `index` itself when none starts there.
function skipLiteral(text: string, index: number): number {
  const char = text[index];
  if (char === "/" && text[index + 1] === "/") {
    const end = text.indexOf("\n", index);
    return end < 0 ? text.length : end;
  }
  if (char === "/" && text[index + 1] === "*") {
    const end = text.indexOf("*/", index + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (char === '"' || char === "'" || char === "`") {
    for (let cursor = index + 1; cursor < text.length; cursor++) {
      if (text[cursor] === "\\") cursor++;
      else if (text[cursor] === char) return cursor + 1;
    }
    return text.length;
  }
  return index;
}

function isInsideCommentOrString(text: string, position: number): boolean {
  for (let index = 0; index < position; index++) {
    const skipped = skipLiteral(text, index);
    if (skipped > position) return true;
    if (skipped !== index) index = skipped - 1;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
