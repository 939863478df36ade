// GitHub's filter patterns for branches, tags and paths: what makes one invalid, and whether a list
// of them matches a name. Syntax: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import type { TriggerView } from "./_workflow-view.js";
import { textMemo } from "./_text-memo.js";

/** What a pattern is matched against: a git ref name (branches, tags), a file path, or another name (an image, a version). */
export type FilterKind = "ref" | "path" | "name";

/** The filter keys of `push`, `pull_request` and `pull_request_target`, and what each matches. */
export const FILTER_KEYS: Readonly<Record<string, FilterKind>> = {
  branches: "ref",
  "branches-ignore": "ref",
  tags: "ref",
  "tags-ignore": "ref",
  paths: "path",
  "paths-ignore": "path",
};

/** Events whose filters GitHub applies: https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows */
export const FILTERED_EVENTS = new Set(["push", "pull_request", "pull_request_target", "workflow_run", "merge_group"]);

/**
 * Of two keys both set in `config`, the one written later: where a reader of the mapping meets the
 * conflict, and where actionlint reports it too.
 */
export function laterKey<K extends string>(config: Readonly<Record<string, unknown>>, first: K, second: K): K {
  for (const key of Object.keys(config)) {
    if (key === first) return second;
    if (key === second) return first;
  }
  return second;
}

/** One pattern of a filter list and where it is written. */
export interface FilterPattern {
  pattern: string;
  path: WorkflowPath;
}

/** The patterns under `trigger.config[key]`: a list, or a single string as GitHub also accepts. */
export function filterPatterns(trigger: TriggerView, key: string): FilterPattern[] | undefined {
  const value: Json | undefined = trigger.config?.[key];
  if (typeof value === "string") return [{ pattern: value, path: [...trigger.path, key] }];
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((pattern, index) => (typeof pattern === "string" ? [{ pattern, path: [...trigger.path, key, index] }] : []));
}

// Characters git never allows in a ref name (git check-ref-format); `*`, `?` and `[` are glob syntax here.
const NEVER_IN_REF = /[\s~^:\x00-\x1f\x7f]|\.\.|@\{|\/\//;

/** Why a pattern can never match or is malformed, as the end of a sentence; undefined when fine. */
export function filterPatternProblem(pattern: string, kind: FilterKind): string | undefined {
  return problems(`${kind}\0${pattern}`, () => patternProblem(pattern, kind));
}

// The same patterns (`main`, `**.md`, `v*`) recur across workflows; the answer depends on the text alone.
const problems = textMemo<string | undefined>(10_000);

function patternProblem(pattern: string, kind: FilterKind): string | undefined {
  if (pattern === "") return "is empty";
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body === "") return "is only \"!\"";
  if (body.trim() !== body) return `has ${/^\s/.test(body) ? "leading" : "trailing"} white space, which is matched as part of the ${kind === "path" ? "path" : "name"}`;
  if (kind === "path" && body.startsWith("./")) return 'starts with "./", but paths are matched from the repository root without it';
  const shape = kind === "ref" ? refShapeProblem(body) : kind === "path" ? pathShapeProblem(body) : regExpClass(body);
  if (shape) return shape;
  if (kind === "ref") {
    const outsideEscapes = body.replace(/\\./g, "x");
    const bad = NEVER_IN_REF.exec(outsideEscapes);
    if (bad) return `has ${JSON.stringify(bad[0])}, which a git ref name cannot contain`;
  }
  let previousIsSpecial = true;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char === "\\") {
      if (i + 1 >= body.length) return "ends with a lone \\";
      i++;
      previousIsSpecial = false;
      continue;
    }
    if (char === "?" || char === "+") {
      if (previousIsSpecial) return `has "${char}" with no character before it to repeat`;
      previousIsSpecial = true;
      continue;
    }
    if (char === "[") {
      const close = body.indexOf("]", i + 1);
      if (close < 0) return 'has a "[" without a closing "]"';
      const problem = bracketProblem(body.slice(i + 1, close));
      if (problem) return problem;
      i = close;
      previousIsSpecial = false;
      continue;
    }
    previousIsSpecial = char === "*";
  }
  return undefined;
}

// A regular expression written where a glob goes, or a shape no git ref name has (git check-ref-format).
function refShapeProblem(body: string): string | undefined {
  const regExp = regExpLook(body) ?? regExpClass(body);
  if (regExp) return `${regExp}, but filters are globs: as a glob it never matches a branch or tag`;
  if (body.startsWith("/") || body.endsWith("/")) return `${body.startsWith("/") ? "starts" : "ends"} with "/", which a git ref name cannot`;
  const dotStar = /(^|\/)\.[*+]/.exec(body);
  if (dotStar) return `has "${dotStar[0].replace("/", "")}" like a regular expression, but filters are globs: "." is a dot there, and a git ref name part never starts with one`;
  if (/(^|\/)\./.test(body)) return 'has a part starting with ".", which a git ref name cannot';
  return undefined;
}

// `\d`, `\w`, `\s` of a regular expression: in a glob, a backslash only escapes the character after it.
// (Not for paths, where a backslash may escape any character of a file name.)
function regExpClass(body: string): string | undefined {
  const found = /\\[dDwWsS]/.exec(body);
  return found ? `has "${found[0]}" like a regular expression, but filters are globs: it matches the letter ${found[0][1]}, not a class of characters` : undefined;
}

// Paths are matched as the repository lists them: relative, normalized, without "." or ".." parts.
function pathShapeProblem(body: string): string | undefined {
  const regExp = regExpLook(body);
  if (regExp) return `${regExp}, but filters are globs: as a glob it never matches a path`;
  if (body.startsWith("/")) return 'starts with "/", but paths are matched from the repository root without it';
  const dotted = body.split("/").find((part) => part === "." || part === "..");
  if (dotted) return `has a "${dotted}" part, but the paths matched are normalized and never hold one`;
  return undefined;
}

// The tell-tale signs of a regular expression: `/…/` around it, or a `^` anchor. (`.*` is one only
// in a ref, whose parts never start with "."; in a path it is a dotfile glob.)
function regExpLook(body: string): string | undefined {
  if (body.length > 2 && body.startsWith("/") && body.endsWith("/")) return `is written like a regular expression, between slashes`;
  if (body.startsWith("^")) return 'starts with "^" like a regular expression';
  return undefined;
}

// Ranges may only span a-z, A-Z or 0-9 (the cheat sheet above).
function bracketProblem(inside: string): string | undefined {
  if (inside === "") return 'has an empty "[]"';
  for (let i = 0; i < inside.length; i++) {
    if (inside[i + 1] !== "-") continue;
    const from = inside[i]!;
    const to = inside[i + 2];
    if (to === undefined) return `has the unfinished range "[${inside}]"`;
    const sameClass = [/[a-z]/, /[A-Z]/, /[0-9]/].some((range) => range.test(from) && range.test(to));
    if (!sameClass || from > to) return `has the range "${from}-${to}", but ranges go within a-z, A-Z or 0-9, upwards`;
    i += 2;
  }
  return undefined;
}

/**
 * Whether a name passes a list of patterns, evaluated in order as GitHub does: a later `!pattern`
 * excludes what earlier patterns included.
 */
export function matchesFilterList(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    if (patternToRegExp(negated ? pattern.slice(1) : pattern).test(name)) matched = !negated;
  }
  return matched;
}

const regExpCache = new Map<string, RegExp>();

function patternToRegExp(pattern: string): RegExp {
  let cached = regExpCache.get(pattern);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else source += "[^/]*";
    } else if (char === "?" || char === "+") source += char;
    else if (char === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) source += "\\[";
      else {
        source += `[${pattern.slice(i + 1, close).replace(/[\\\]^]/g, "\\$&")}]`;
        i = close;
      }
    } else if (char === "\\" && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else source += escapeRegExp(char);
  }
  cached = new RegExp(`^${source}$`);
  regExpCache.set(pattern, cached);
  return cached;
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(char) ? `\\${char}` : char;
}
