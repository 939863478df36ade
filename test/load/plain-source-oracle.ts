/**
 * The source scan as it was written first (tokens as objects, matched by regular expressions),
 * kept as the reference the faster scan in src/load/plain-source.ts must agree with, verdict for
 * verdict. Test-only: nothing in src/ imports it.
 */

// Words whose meaning differs between a bundle and a module Node loads as it is (CommonJS names
// esbuild shims, classes whose fields tsconfig may compile differently), or TypeScript-only words
// that would fail to parse anyway: such a source goes through esbuild.
const BUNDLE_ONLY = new Set(["require", "module", "exports", "__dirname", "__filename", "class", "enum", "interface", "declare", "namespace", "abstract", "satisfies", "implements"]);

interface Token {
  kind: "word" | "string" | "punct";
  value: string;
}

/** One `import` declaration of a package: what it imports from, and the names it binds. */
interface PackageImport {
  specifier: string;
  bindings: string[];
}

/**
 * The package specifiers a source imports, when it can be imported as it is: no relative,
 * absolute, `#`, URL or dynamic imports, and none of the syntax whose meaning TypeScript changes
 * (a `<` may open type arguments: `f<T>(x)` is a valid comparison in JavaScript). Undefined when
 * it must be compiled.
 *
 * An import none of whose names is used would be dropped by TypeScript (and so never loaded); only
 * this package's own modules may be imported so, as loading them changes nothing.
 */
export function plainImportsOf(text: string): string[] | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const imports: PackageImport[] = [];
  const reexports: string[] = [];
  const declarations = new Set<number>(); // token positions inside import declarations
  let depth = 0;
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (token.kind === "punct") {
      if (token.value === "{" || token.value === "(" || token.value === "[") depth++;
      else if (token.value === "}" || token.value === ")" || token.value === "]") depth--;
      continue;
    }
    if (token.kind !== "word") continue;
    if (BUNDLE_ONLY.has(token.value)) return undefined;
    const previous = tokens[at - 1];
    // a property named like a keyword (`x.import`) is no declaration
    if (previous?.kind === "punct" && previous.value === ".") continue;
    if (token.value === "import") {
      const next = tokens[at + 1];
      if (next?.kind === "punct" && next.value === ".") continue; // import.meta
      if (depth !== 0) return undefined; // import(…), or something unexpected
      const declaration = importDeclaration(tokens, at);
      if (!declaration) return undefined;
      imports.push(declaration.import);
      for (let inside = at; inside < declaration.end; inside++) declarations.add(inside);
      at = declaration.end - 1;
    } else if (token.value === "export" && depth === 0 && word(tokens[at + 1], "default") && namesItsDefault(tokens, at + 2)) {
      return undefined;
    } else if (token.value === "export" && depth === 0) {
      const reexport = reexportDeclaration(tokens, at);
      if (reexport === null) return undefined;
      if (reexport) {
        reexports.push(reexport.specifier);
        at = reexport.end - 1;
      }
    }
  }
  if (depth !== 0 || mayReadBeforeInitialized(tokens)) return undefined;
  const used = usedNames(tokens, declarations);
  for (const { specifier, bindings } of imports) {
    if (bindings.length && !bindings.some((name) => used.has(name)) && !isOwnPackage(specifier)) return undefined;
  }
  const specifiers = [...imports.map((entry) => entry.specifier), ...reexports];
  return specifiers.every(isPackageSpecifier) ? [...new Set(specifiers)] : undefined;
}

const OPENING = new Set(["{", "(", "["]);
const CLOSING = new Set(["}", ")", "]"]);
const STATEMENT_START = new Set(["const", "let", "var", "export", "function", "import", "class"]);

/**
 * Whether a top-level `const` or `let` may be read before it is initialized. A bundle declares them
 * with `var` (such a read gives undefined), Node keeps them as they are (it throws): a source where
 * that can happen is compiled. Conservative: the name anywhere before its declaration (or in its
 * own initializer), or in a function declaration (hoisted) whose name appears before it, counts.
 */
function mayReadBeforeInitialized(tokens: readonly Token[]): boolean {
  const depths: number[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && CLOSING.has(token.value)) depth--;
    depths.push(depth);
    if (token.kind === "punct" && OPENING.has(token.value)) depth++;
  }
  const isReference = (at: number) => {
    const previous = tokens[at - 1];
    if (punct(previous, ".") || punct(previous, "?.")) return false;
    // a key in an object literal (`{ name: …`), not a read
    return !((punct(previous, "{") || punct(previous, ",")) && punct(tokens[at + 1], ":"));
  };
  // top-level declarations: the name's position and where its statement surely ended
  const declared: { name: string; at: number; end: number }[] = [];
  const functions: { name: string; at: number; body: [number, number] }[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (token.kind !== "word" || depths[at] !== 0 || punct(tokens[at - 1], ".")) continue;
    if (token.value === "const" || token.value === "let") {
      let end = at + 1;
      while (end < tokens.length && !(depths[end] === 0 && (punct(tokens[end], ";") || (word(tokens[end]) && STATEMENT_START.has(tokens[end]!.value))))) end++;
      for (let name = at + 1; name < end; name++) {
        // the first declarator, and each after a comma at the statement's own depth
        if (name !== at + 1 && !(depths[name] === 0 && punct(tokens[name - 1], ",") && punct(tokens[name + 1], "="))) continue;
        if (!word(tokens[name])) return true; // a destructuring pattern
        declared.push({ name: tokens[name]!.value, at: name, end });
      }
    } else if (token.value === "function") {
      const nameAt = punct(tokens[at + 1], "*") ? at + 2 : at + 1;
      if (!word(tokens[nameAt])) continue;
      let open = nameAt + 1;
      while (open < tokens.length && !(punct(tokens[open], "{") && depths[open] === 0)) open++;
      let close = open + 1;
      while (close < tokens.length && !(punct(tokens[close], "}") && depths[close] === 0)) close++;
      functions.push({ name: tokens[nameAt]!.value, at: nameAt, body: [open, close] });
    }
  }
  const firstReference = new Map<string, number>();
  tokens.forEach((token, at) => {
    if (token.kind === "word" && !firstReference.has(token.value) && isReference(at)) firstReference.set(token.value, at);
  });
  // the names each function declaration reads, through the functions it names
  const reads = new Map(functions.map((fn) => [fn.name, new Set(tokens.slice(fn.body[0], fn.body[1]).filter((token, offset) => token.kind === "word" && isReference(fn.body[0] + offset)).map((token) => token.value))]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const names of reads.values()) {
      for (const name of [...names]) {
        for (const more of reads.get(name) ?? []) {
          if (!names.has(more)) {
            names.add(more);
            grew = true;
          }
        }
      }
    }
  }
  for (const { name, at, end } of declared) {
    if ((firstReference.get(name) ?? Infinity) < at) return true;
    for (let inside = at + 1; inside < end; inside++) if (word(tokens[inside], name) && isReference(inside)) return true;
    for (const fn of functions) {
      if (!reads.get(fn.name)?.has(name)) continue;
      const named = tokens.findIndex((token, position) => position !== fn.at && word(token, fn.name) && isReference(position));
      if (named >= 0 && named < end) return true;
    }
  }
  return false;
}

// An anonymous function as the default export: Node names it "default", a bundle after the file.
function namesItsDefault(tokens: readonly Token[], at: number): boolean {
  const value = tokens[at];
  return word(value, "function") || word(value, "async") || punct(value, "(") || (word(value) && punct(tokens[at + 1], "=") && punct(tokens[at + 2], ">"));
}

function isOwnPackage(specifier: string): boolean {
  return specifier === "trunkline" || specifier.startsWith("trunkline/");
}

// A package name (with a subpath), or a Node built-in: what esbuild leaves out of the bundle.
function isPackageSpecifier(specifier: string): boolean {
  if (specifier.startsWith("node:")) return /^node:[a-z_/]+$/.test(specifier);
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*$/i.test(specifier) && !specifier.includes("..");
}

// Names read outside the import declarations: not as a property (`x.name`) nor as a key (`name: 1`).
function usedNames(tokens: readonly Token[], declarations: ReadonlySet<number>): Set<string> {
  const used = new Set<string>();
  tokens.forEach((token, at) => {
    if (token.kind !== "word" || declarations.has(at)) return;
    const previous = tokens[at - 1];
    const next = tokens[at + 1];
    if (previous?.kind === "punct" && (previous.value === "." || previous.value === "?.")) return;
    if (next?.kind === "punct" && next.value === ":") return;
    used.add(token.value);
  });
  return used;
}

const punct = (token: Token | undefined, value: string) => token?.kind === "punct" && token.value === value;
const word = (token: Token | undefined, value?: string) => token?.kind === "word" && (value === undefined || token.value === value);

// `import "x"`, `import a from "x"`, `import * as a from "x"`, `import { a, b as c } from "x"`,
// `import a, { b } from "x"`, `import a, * as b from "x"`; nothing else (no `type`, no attributes).
function importDeclaration(tokens: readonly Token[], start: number): { import: PackageImport; end: number } | undefined {
  let at = start + 1;
  const bindings: string[] = [];
  if (tokens[at]?.kind !== "string") {
    if (word(tokens[at]) && !word(tokens[at], "type")) {
      bindings.push(tokens[at]!.value);
      at++;
      if (punct(tokens[at], ",")) at++;
      else if (!word(tokens[at], "from")) return undefined;
    }
    if (punct(tokens[at], "*")) {
      if (!word(tokens[at + 1], "as") || !word(tokens[at + 2])) return undefined;
      bindings.push(tokens[at + 2]!.value);
      at += 3;
    } else if (punct(tokens[at], "{")) {
      const names = namedList(tokens, at);
      if (!names) return undefined;
      bindings.push(...names.locals);
      at = names.end;
    }
    if (!word(tokens[at], "from")) return undefined;
    at++;
  }
  const specifier = tokens[at];
  if (specifier?.kind !== "string") return undefined;
  at++;
  if (punct(tokens[at], ";")) at++;
  // `with { type: "json" }` and `assert { … }` are left to esbuild
  else if (word(tokens[at], "with") || word(tokens[at], "assert")) return undefined;
  return { import: { specifier: specifier.value, bindings }, end: at };
}

// `{ a, b as c, default as d, "e" as f }` from its `{`: the local names, and the token after `}`.
function namedList(tokens: readonly Token[], open: number): { locals: string[]; end: number } | undefined {
  const locals: string[] = [];
  let at = open + 1;
  while (!punct(tokens[at], "}")) {
    const name = tokens[at];
    if (!name || name.kind === "punct" || word(name, "type")) return undefined;
    at++;
    let local = name.value;
    if (word(tokens[at], "as")) {
      if (!word(tokens[at + 1])) return undefined;
      local = tokens[at + 1]!.value;
      at += 2;
    } else if (name.kind === "string") return undefined;
    locals.push(local);
    if (punct(tokens[at], ",")) at++;
    else if (!punct(tokens[at], "}")) return undefined;
  }
  return { locals, end: at + 1 };
}

// `export … from "x"`: its specifier and the token after it; undefined for an export that
// imports nothing; null for a form not accounted for (`export type`, `export =`).
function reexportDeclaration(tokens: readonly Token[], start: number): { specifier: string; end: number } | undefined | null {
  const next = tokens[start + 1];
  let at: number;
  if (punct(next, "*")) {
    at = start + 2;
    if (word(tokens[at], "as")) at += 2;
  } else if (punct(next, "{")) {
    const names = namedList(tokens, start + 1);
    if (!names) return null;
    at = names.end;
    if (!word(tokens[at], "from")) return undefined; // export { a, b }: local names
  } else if (word(next, "type") || punct(next, "=") || word(next, "import")) return null;
  else return undefined;
  if (!word(tokens[at], "from") || tokens[at + 1]?.kind !== "string") return null;
  at += 2;
  if (word(tokens[at], "with") || word(tokens[at], "assert")) return null;
  return { specifier: tokens[at - 1]!.value, end: at };
}

// One token at a time, matched natively (a per-character loop runs slowly on a cold start):
// whitespace, comments, strings, names, numbers, `?.`, or any one character.
const TOKEN = /(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)|"((?:[^"\\\n\r]|\\[\s\S])*)"|'((?:[^'\\\n\r]|\\[\s\S])*)'|([A-Za-z_$][\w$]*|\d[\w.]*)|(\?\.(?!\d)|[\s\S])/y;
// The text of a template up to its end or its next substitution.
const TEMPLATE = /((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)(`|\$\{)/y;

/**
 * The tokens of `text`, comments and whitespace left out, strings and template texts as `string`
 * tokens (the code in `${…}` is tokenized). Undefined for what the scan does not read: a `/` that
 * is not a comment (a regular expression or a division), `<`, `@`, `#`, `\` or a non-ASCII
 * character outside strings, an unterminated string or comment.
 */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  // one entry per open template substitution: the brace depth at which it closes
  const templates: number[] = [];
  let braces = 0;
  let at = text.startsWith("#!") ? text.indexOf("\n") + 1 || text.length : 0;
  const readTemplate = (): boolean => {
    // `at` is just after "`" or after the "}" of a substitution
    TEMPLATE.lastIndex = at;
    const match = TEMPLATE.exec(text);
    if (!match) return false;
    at = TEMPLATE.lastIndex;
    tokens.push({ kind: "string", value: match[1]! });
    if (match[2] === "${") {
      tokens.push({ kind: "punct", value: "(" }); // a substitution reads as a parenthesized expression
      templates.push(++braces);
    }
    return true;
  };
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text)!;
    at = TOKEN.lastIndex;
    if (match[1] !== undefined) {
      if (match[1].startsWith("/*") && !match[1].endsWith("*/")) return undefined;
      continue;
    }
    const quoted = match[2] ?? match[3];
    if (quoted !== undefined) {
      tokens.push({ kind: "string", value: quoted });
      continue;
    }
    if (match[4] !== undefined) {
      tokens.push({ kind: "word", value: match[4] });
      continue;
    }
    const char = match[5]!;
    if (char === "`") {
      if (!readTemplate()) return undefined;
    } else if (char === "/" || char === "<" || char === "@" || char === "#" || char === "\\" || char === '"' || char === "'" || char > "\x7f") {
      return undefined;
    } else if (char === "}" && templates.length && templates[templates.length - 1] === braces) {
      templates.pop();
      braces--;
      tokens.push({ kind: "punct", value: ")" });
      if (!readTemplate()) return undefined;
    } else {
      if (char === "{") braces++;
      else if (char === "}") braces--;
      tokens.push({ kind: "punct", value: char });
    }
  }
  return templates.length ? undefined : tokens;
}
