/**
 * Which sources can be imported as they are, without esbuild: plain JavaScript in a `.ts` file
 * (what `trunkline init`, the templates and most hand-written sources are), whose only imports are
 * packages. The scan is cheap and conservative: anything it does not fully account for goes
 * through esbuild, so a source read here runs exactly as its build would.
 *
 * It runs on every source of a cold `gen`, before the first output can be validated, mostly in
 * code V8 has not optimized yet: so one pass over the text into typed arrays (a token is an index,
 * its kind a number; long runs matched natively, allocating nothing), no object per token, and
 * every later look at the positions it noted, not at every token again.
 */

// A token's kind: a punctuation character's code (all below 128), `?.`, a string (quoted or a
// template's text), a word (a name or a number), or one of the words the scan looks for.
const QUESTION_DOT = 128;
const STRING = 256;
const WORD = 257;
const IMPORT = 258;
const EXPORT = 259;
const DEFAULT = 260;
const FROM = 261;
const AS = 262;
const TYPE = 263;
const WITH = 264;
const ASSERT = 265;
const FUNCTION = 266;
const ASYNC = 267;
const CONST = 268;
const LET = 269;
const VAR = 270;
// Words whose meaning differs between a bundle and a module Node loads as it is (CommonJS names
// esbuild shims, classes whose fields tsconfig may compile differently), or TypeScript-only words
// that would fail to parse anyway: such a source goes through esbuild. `class` also starts a statement.
const CLASS = 271;
const BUNDLE_ONLY = 272;
/** The kind read outside the tokens. */
const NONE = -1;

const KEYWORDS = new Map<string, number>([
  ["import", IMPORT],
  ["export", EXPORT],
  ["default", DEFAULT],
  ["from", FROM],
  ["as", AS],
  ["type", TYPE],
  ["with", WITH],
  ["assert", ASSERT],
  ["function", FUNCTION],
  ["async", ASYNC],
  ["const", CONST],
  ["let", LET],
  ["var", VAR],
  ["class", CLASS],
  ...["require", "module", "exports", "__dirname", "__filename", "enum", "interface", "declare", "namespace", "abstract", "satisfies", "implements"].map((name) => [name, BUNDLE_ONLY] as [string, number]),
]);

const enum Char {
  LineFeed = 10,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Comma = 44,
  Equals = 61,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  GreaterThan = 62,
  OpenBracket = 91,
  CloseBracket = 93,
  Backtick = 96,
  OpenBrace = 123,
  CloseBrace = 125,
}

// What each ASCII character starts, for the tokenizer's switch.
const enum Start {
  Punct,
  Space,
  Name,
  Number,
  Quote,
  Slash,
  Backtick,
  Question,
  Refused, // `<`, `@`, `#`, `\\` outside strings, and any other character beyond ASCII
  Opening, // `(` and `[`
  Closing, // `)` and `]`
  OpenBrace,
  CloseBrace,
  Semicolon,
  Equals,
}
const STARTS = new Uint8Array(128);
// What may follow a number's first digit (a name's rest is matched natively: names are longer).
const NUMBER_PARTS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  NUMBER_PARTS[code] = /[\w.]/.test(char) ? 1 : 0;
  STARTS[code] = /\s/.test(char) ? Start.Space : /[A-Za-z_$]/.test(char) ? Start.Name : /\d/.test(char) ? Start.Number : `"'`.includes(char) ? Start.Quote : char === "/" ? Start.Slash : char === "`" ? Start.Backtick : char === "?" ? Start.Question : "<@#\\".includes(char) ? Start.Refused : "([".includes(char) ? Start.Opening : ")]".includes(char) ? Start.Closing : char === "{" ? Start.OpenBrace : char === "}" ? Start.CloseBrace : char === ";" ? Start.Semicolon : char === "=" ? Start.Equals : Start.Punct;
}
// Whitespace beyond ASCII, as a regular expression's `\s` reads it (a BOM, a no-break space…).
const isWideSpace = (code: number) => code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

// The tokens of the text being scanned, kept from call to call (the scan is synchronous), made
// on the first scan (not when the module loads) and grown as needed.
const KEPT_CAPACITY = 1 << 14;
let kinds = new Int32Array(0);
let starts = new Int32Array(0); // a string's text is text.slice(start, end)
let ends = new Int32Array(0);
let depths = new Int32Array(0); // bracket depth, an opening and its closing at the same
const words: string[] = []; // a word's text, by position
let count = 0;
let scanned = "";
let finalDepth = 0;
// Positions noted while tokenizing, in order, so that no later look walks every token:
const wordPositions: number[] = [];
const keyWords: number[] = []; // `import`, `export` and the words that make a source compiled
const declarationWords: number[] = []; // top-level `const`, `let` and `function` (not properties)
const statementEnds: number[] = []; // top-level `;` and words that start a statement
const laterDeclarators: number[] = []; // `b` in `, b =` at the top level
const topBraces: number[] = []; // top-level `{` and `}`

const kindAt = (at: number): number => (at >= 0 && at < count ? kinds[at]! : NONE);
const isWord = (at: number): boolean => kindAt(at) >= WORD;
const valueOf = (at: number): string => scanned.slice(starts[at]!, ends[at]!);

// The index of the first of the sorted `positions` after `position` (their length if none).
function firstAfter(positions: readonly number[], position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! > position) high = middle;
    else low = middle + 1;
  }
  return low;
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
  try {
    return scan(text);
  } finally {
    // keep neither the text nor the buffers of an unusually large source (the words of a usual
    // one are overwritten by the next scan: emptying them would grow them again, word by word)
    scanned = "";
    if (kinds.length > KEPT_CAPACITY) {
      words.length = 0;
      allocate(KEPT_CAPACITY);
    }
  }
}

function scan(text: string): string[] | undefined {
  if (!tokenize(text)) return undefined;
  const imports: PackageImport[] = [];
  const specifiers: string[] = [];
  const declarations: number[] = []; // [start, end) of each import declaration, in order
  // Tokens inside a declaration are not looked at: their brackets do not count, which changes the
  // depth only for the one token `export * as` takes unseen.
  let skippedUntil = 0;
  let unseenDepth = 0;
  for (const at of keyWords) {
    if (at < skippedUntil) continue;
    const kind = kinds[at]!;
    if (kind >= CLASS) return undefined;
    // a property named like a keyword (`x.import`) is no declaration
    if (kindAt(at - 1) === Char.Dot) continue;
    const depth = depths[at]! + unseenDepth;
    if (kind === IMPORT) {
      if (kindAt(at + 1) === Char.Dot) continue; // import.meta
      if (depth !== 0) return undefined; // import(…), or something unexpected
      const end = importDeclaration(at, imports);
      if (end < 0 || !isPackageSpecifier(imports[imports.length - 1]!.specifier)) return undefined;
      declarations.push(at, end);
      skippedUntil = end;
    } else if (depth === 0) {
      if (kindAt(at + 1) === DEFAULT && namesItsDefault(at + 2)) return undefined;
      const end = reexportDeclaration(at);
      if (end === NOT_ACCOUNTED) return undefined;
      if (end > 0) {
        const specifier = valueOf(end - 1);
        if (!isPackageSpecifier(specifier)) return undefined;
        specifiers.push(specifier);
        if (kinds[at + 1] === Char.Star && kinds[at + 2] === AS) unseenDepth -= bracketChange(kinds[at + 3]!);
        skippedUntil = end;
      }
    }
  }
  if (finalDepth + unseenDepth !== 0 || mayReadBeforeInitialized()) return undefined;
  if (!everyImportUsed(imports, declarations)) return undefined;
  return [...new Set([...imports.map((entry) => entry.specifier), ...specifiers])];
}

const bracketChange = (kind: number) => (kind === Char.OpenBrace || kind === Char.OpenParen || kind === Char.OpenBracket ? 1 : kind === Char.CloseBrace || kind === Char.CloseParen || kind === Char.CloseBracket ? -1 : 0);

// An import none of whose names is read outside the import declarations (not as a property,
// `x.name`, nor as a key, `name: 1`) is dropped by TypeScript: only this package's own may be so.
function everyImportUsed(imports: readonly PackageImport[], declarations: readonly number[]): boolean {
  const checked = imports.filter(({ specifier, bindings }) => bindings.length && !isOwnPackage(specifier));
  if (checked.length === 0) return true;
  const wanted = new Set(checked.flatMap((entry) => entry.bindings));
  const used = new Set<string>();
  let declaration = 0;
  for (const at of wordPositions) {
    while (declaration < declarations.length && at >= declarations[declaration + 1]!) declaration += 2;
    if (declaration < declarations.length && at >= declarations[declaration]!) continue;
    if (!wanted.has(words[at]!)) continue;
    const previous = kindAt(at - 1);
    if (previous === Char.Dot || previous === QUESTION_DOT || kindAt(at + 1) === Char.Colon) continue;
    used.add(words[at]!);
  }
  return checked.every(({ bindings }) => bindings.some((name) => used.has(name)));
}

// Not a property (`x.name`, `x?.name`) nor a key in an object literal (`{ name: …`).
function isReference(at: number): boolean {
  const previous = kindAt(at - 1);
  if (previous === Char.Dot || previous === QUESTION_DOT) return false;
  return !((previous === Char.OpenBrace || previous === Char.Comma) && kindAt(at + 1) === Char.Colon);
}


interface FunctionDeclaration {
  name: number; // the id of its name
  at: number;
  open: number;
  close: number;
}

/**
 * Whether a top-level `const` or `let` may be read before it is initialized. A bundle declares them
 * with `var` (such a read gives undefined), Node keeps them as they are (it throws): a source where
 * that can happen is compiled. Conservative: the name anywhere before its declaration (or in its
 * own initializer), or in a function declaration (hoisted) whose name appears before it, counts.
 *
 * Only the names declared at the top level are followed: each gets an id, and each token that
 * reads one notes its id, so every look below is a walk over positions, not over names.
 */
function mayReadBeforeInitialized(): boolean {
  if (declarationWords.length === 0) return false;
  const ids = new Map<string, number>();
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = ids.size;
      ids.set(name, id);
    }
    return id;
  };
  // top-level declarations: the name's position and where its statement surely ended
  const declared: { id: number; at: number; end: number }[] = [];
  const functions: FunctionDeclaration[] = [];
  for (const at of declarationWords) {
    if (kinds[at] === FUNCTION) {
      const nameAt = kindAt(at + 1) === Char.Star ? at + 2 : at + 1;
      if (!isWord(nameAt)) continue;
      // its body: the first top-level `{` after the name, to the first top-level `}` after that
      let brace = firstAfter(topBraces, nameAt);
      while (brace < topBraces.length && kinds[topBraces[brace]!] !== Char.OpenBrace) brace++;
      const open = brace < topBraces.length ? topBraces[brace]! : count;
      brace++;
      while (brace < topBraces.length && kinds[topBraces[brace]!] !== Char.CloseBrace) brace++;
      const close = open >= count ? count + 1 : brace < topBraces.length ? topBraces[brace]! : count;
      functions.push({ name: idOf(words[nameAt]!), at: nameAt, open, close });
      continue;
    }
    const next = firstAfter(statementEnds, at);
    const end = next < statementEnds.length ? statementEnds[next]! : count;
    if (at + 1 < end) {
      if (!isWord(at + 1)) return true; // a destructuring pattern
      declared.push({ id: idOf(words[at + 1]!), at: at + 1, end });
    }
    // each declarator after a comma at the statement's own depth
    for (let later = firstAfter(laterDeclarators, at + 1); later < laterDeclarators.length && laterDeclarators[later]! < end; later++) {
      const name = laterDeclarators[later]!;
      if (!isWord(name)) return true;
      declared.push({ id: idOf(words[name]!), at: name, end });
    }
  }
  if (declared.length === 0) return false;
  // where each followed name is read, in order
  const references: number[][] = [];
  for (let id = 0; id < ids.size; id++) references.push([]);
  const readPositions: number[] = [];
  const readIds: number[] = [];
  for (const at of wordPositions) {
    const id = ids.get(words[at]!);
    if (id === undefined || !isReference(at)) continue;
    references[id]!.push(at);
    readPositions.push(at);
    readIds.push(id);
  }
  // the followed names each function declaration reads, through the functions it names
  const reads = new Map<number, Set<number>>();
  for (const fn of functions) {
    const names = new Set<number>();
    for (let read = firstAfter(readPositions, fn.open - 1); read < readPositions.length && readPositions[read]! < fn.close; read++) names.add(readIds[read]!);
    reads.set(fn.name, names);
  }
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
  for (const { id, at, end } of declared) {
    const positions = references[id]!;
    if (positions.length && positions[0]! < at) return true;
    const after = firstAfter(positions, at);
    if (after < positions.length && positions[after]! < end) return true;
    for (const fn of functions) {
      if (!reads.get(fn.name)!.has(id)) continue;
      const named = references[fn.name]!.find((position) => position !== fn.at);
      if (named !== undefined && named < end) return true;
    }
  }
  return false;
}

// An anonymous function as the default export: Node names it "default", a bundle after the file.
function namesItsDefault(at: number): boolean {
  const kind = kindAt(at);
  return kind === FUNCTION || kind === ASYNC || kind === Char.OpenParen || (kind >= WORD && kindAt(at + 1) === Char.Equals && kindAt(at + 2) === Char.GreaterThan);
}

function isOwnPackage(specifier: string): boolean {
  return specifier === "trunkline" || specifier.startsWith("trunkline/");
}

// A package name (with a subpath), or a Node built-in: what esbuild leaves out of the bundle.
function isPackageSpecifier(specifier: string): boolean {
  if (specifier.startsWith("node:")) return /^node:[a-z_/]+$/.test(specifier);
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*$/i.test(specifier) && !specifier.includes("..");
}

// `import "x"`, `import a from "x"`, `import * as a from "x"`, `import { a, b as c } from "x"`,
// `import a, { b } from "x"`, `import a, * as b from "x"`; nothing else (no `type`, no attributes).
// Adds it to `imports` and returns the token after it, or -1.
function importDeclaration(start: number, imports: PackageImport[]): number {
  let at = start + 1;
  const bindings: string[] = [];
  if (kindAt(at) !== STRING) {
    if (isWord(at) && kinds[at] !== TYPE) {
      bindings.push(words[at]!);
      at++;
      if (kindAt(at) === Char.Comma) at++;
      else if (kindAt(at) !== FROM) return -1;
    }
    if (kindAt(at) === Char.Star) {
      if (kindAt(at + 1) !== AS || !isWord(at + 2)) return -1;
      bindings.push(words[at + 2]!);
      at += 3;
    } else if (kindAt(at) === Char.OpenBrace) {
      at = namedList(at, bindings);
      if (at < 0) return -1;
    }
    if (kindAt(at) !== FROM) return -1;
    at++;
  }
  if (kindAt(at) !== STRING) return -1;
  const specifier = valueOf(at);
  at++;
  if (kindAt(at) === Char.Semicolon) at++;
  // `with { type: "json" }` and `assert { … }` are left to esbuild
  else if (kindAt(at) === WITH || kindAt(at) === ASSERT) return -1;
  imports.push({ specifier, bindings });
  return at;
}

// `{ a, b as c, default as d, "e" as f }` from its `{`: adds the local names to `locals`, returns
// the token after `}`, or -1.
function namedList(open: number, locals: string[]): number {
  let at = open + 1;
  while (kindAt(at) !== Char.CloseBrace) {
    const kind = kindAt(at);
    if (kind < STRING || kind === TYPE) return -1;
    at++;
    let local = kind === STRING ? undefined : words[at - 1]!;
    if (kindAt(at) === AS) {
      if (!isWord(at + 1)) return -1;
      local = words[at + 1]!;
      at += 2;
    } else if (local === undefined) return -1;
    locals.push(local);
    if (kindAt(at) === Char.Comma) at++;
    else if (kindAt(at) !== Char.CloseBrace) return -1;
  }
  return at + 1;
}

const NOT_ACCOUNTED = -1;

// `export … from "x"`: the token after it (its specifier is the token before); 0 for an export
// that imports nothing; NOT_ACCOUNTED for a form the scan does not read (`export type`, `export =`).
function reexportDeclaration(start: number): number {
  const next = kindAt(start + 1);
  let at: number;
  if (next === Char.Star) {
    at = start + 2;
    if (kindAt(at) === AS) at += 2;
  } else if (next === Char.OpenBrace) {
    at = namedList(start + 1, []);
    if (at < 0) return NOT_ACCOUNTED;
    if (kindAt(at) !== FROM) return 0; // export { a, b }: local names
  } else if (next === TYPE || next === Char.Equals || next === IMPORT) return NOT_ACCOUNTED;
  else return 0;
  if (kindAt(at) !== FROM || kindAt(at + 1) !== STRING) return NOT_ACCOUNTED;
  at += 2;
  if (kindAt(at) === WITH || kindAt(at) === ASSERT) return NOT_ACCOUNTED;
  return at;
}

function grow(size: number): void {
  if (kinds.length < size) allocate(Math.max(size, kinds.length * 2));
}

function allocate(capacity: number): void {
  kinds = new Int32Array(capacity);
  starts = new Int32Array(capacity);
  ends = new Int32Array(capacity);
  depths = new Int32Array(capacity);
}

// Runs matched natively, each from a known start (sticky, and `test` allocates nothing): an
// interpreted loop per character is what costs on a cold start.
const NAME_REST = /[\w$]*/y;
const DOUBLE_QUOTED = /"(?:[^"\\\n\r]|\\[\s\S])*"/y;
const SINGLE_QUOTED = /'(?:[^'\\\n\r]|\\[\s\S])*'/y;
// The text of a template up to its end or its next substitution (what follows it is "`", "${",
// or a "\\" ending the file).
const TEMPLATE_TEXT = /(?:[^`\\$]|\\[\s\S]|\$(?!\{))*/y;

/**
 * Reads the tokens of `text` (each token takes at least one character), comments and whitespace
 * left out, strings and template texts as strings (the code in `${…}` is tokenized, between a
 * `(` and a `)`). False for what the scan does not read: a `/` that is not a comment (a regular
 * expression or a division), `<`, `@`, `#`, `\\` or a non-ASCII character outside strings, an
 * unterminated string or comment.
 */
function tokenize(text: string): boolean {
  const length = text.length;
  grow(length + 1);
  scanned = text;
  count = 0;
  wordPositions.length = 0;
  keyWords.length = 0;
  declarationWords.length = 0;
  statementEnds.length = 0;
  laterDeclarators.length = 0;
  topBraces.length = 0;
  // one entry per open template substitution: the brace depth at which it closes
  const templates: number[] = [];
  let braces = 0;
  let depth = 0;
  let at = 0;
  if (text.charCodeAt(0) === Char.Hash && text.charCodeAt(1) === Char.Bang) {
    const lineEnd = text.indexOf("\n");
    at = lineEnd < 0 ? length : lineEnd + 1;
  }
  let inTemplate = false; // `at` is in a template's text (after "`" or after the "}" of a substitution)
  while (at < length) {
    if (inTemplate) {
      inTemplate = false;
      TEMPLATE_TEXT.lastIndex = at;
      TEMPLATE_TEXT.test(text);
      const end = TEMPLATE_TEXT.lastIndex;
      const next = text.charCodeAt(end);
      if (next !== Char.Backtick && next !== Char.Dollar) return false;
      kinds[count] = STRING;
      starts[count] = at;
      ends[count] = end;
      depths[count++] = depth;
      if (next === Char.Backtick) {
        at = end + 1;
        continue;
      }
      // a substitution reads as a parenthesized expression
      kinds[count] = Char.OpenParen;
      depths[count++] = depth++;
      templates.push(++braces);
      at = end + 2;
      continue;
    }
    const code = text.charCodeAt(at);
    switch (code < 128 ? STARTS[code]! : isWideSpace(code) ? Start.Space : Start.Refused) {
      case Start.Space:
        at++;
        while (at < length) {
          const next = text.charCodeAt(at);
          if (next !== Char.Space && next !== Char.LineFeed) break;
          at++;
        }
        break;
      case Start.Name: {
        NAME_REST.lastIndex = at + 1;
        NAME_REST.test(text);
        const end = NAME_REST.lastIndex;
        const word = text.slice(at, end);
        const kind = KEYWORDS.get(word) ?? WORD;
        if (kind !== WORD) {
          if (kind === IMPORT || kind === EXPORT || kind >= CLASS) keyWords.push(count);
          if (depth === 0) {
            if ((kind === CONST || kind === LET || kind === FUNCTION) && kindAt(count - 1) !== Char.Dot) declarationWords.push(count);
            if (kind === CONST || kind === LET || kind === VAR || kind === EXPORT || kind === FUNCTION || kind === IMPORT || kind === CLASS) statementEnds.push(count);
          }
        }
        wordPositions.push(count);
        words[count] = word;
        kinds[count] = kind;
        depths[count++] = depth;
        at = end;
        break;
      }
      case Start.Number: {
        let end = at + 1;
        while (end < length) {
          const next = text.charCodeAt(end);
          if (next >= 128 || !NUMBER_PARTS[next]) break;
          end++;
        }
        wordPositions.push(count);
        words[count] = text.slice(at, end);
        kinds[count] = WORD;
        depths[count++] = depth;
        at = end;
        break;
      }
      case Start.Quote: {
        const quoted = code === Char.DoubleQuote ? DOUBLE_QUOTED : SINGLE_QUOTED;
        quoted.lastIndex = at;
        if (!quoted.test(text)) return false;
        kinds[count] = STRING;
        starts[count] = at + 1;
        ends[count] = quoted.lastIndex - 1;
        depths[count++] = depth;
        at = quoted.lastIndex;
        break;
      }
      case Start.Slash: {
        const next = text.charCodeAt(at + 1);
        if (next === Char.Slash) {
          const lineEnd = text.indexOf("\n", at + 2);
          at = lineEnd < 0 ? length : lineEnd;
        } else if (next === Char.Star) {
          const commentEnd = text.indexOf("*/", at + 2);
          if (commentEnd < 0) return false;
          at = commentEnd + 2;
        } else return false;
        break;
      }
      case Start.Backtick:
        at++;
        inTemplate = true;
        break;
      case Start.Question: {
        const after = text.charCodeAt(at + 2);
        if (text.charCodeAt(at + 1) === Char.Dot && !(after >= 48 && after <= 57)) {
          kinds[count] = QUESTION_DOT;
          depths[count++] = depth;
          at += 2;
        } else {
          kinds[count] = code;
          depths[count++] = depth;
          at++;
        }
        break;
      }
      case Start.Refused:
        return false;
      case Start.Opening:
        kinds[count] = code;
        depths[count++] = depth++;
        at++;
        break;
      case Start.Closing:
        kinds[count] = code;
        depths[count++] = --depth;
        at++;
        break;
      case Start.OpenBrace:
        braces++;
        if (depth === 0) topBraces.push(count);
        kinds[count] = code;
        depths[count++] = depth++;
        at++;
        break;
      case Start.CloseBrace:
        at++;
        if (templates.length && templates[templates.length - 1] === braces) {
          templates.pop();
          braces--;
          kinds[count] = Char.CloseParen;
          depths[count++] = --depth;
          inTemplate = true;
          break;
        }
        braces--;
        if (--depth === 0) topBraces.push(count);
        kinds[count] = code;
        depths[count++] = depth;
        break;
      case Start.Semicolon:
        if (depth === 0) statementEnds.push(count);
        kinds[count] = code;
        depths[count++] = depth;
        at++;
        break;
      case Start.Equals:
        // `, name =` at the top level: a later declarator, if a `const` or `let` holds it
        if (count >= 2 && kinds[count - 2] === Char.Comma && depths[count - 1] === 0) laterDeclarators.push(count - 1);
        kinds[count] = code;
        depths[count++] = depth;
        at++;
        break;
      default:
        kinds[count] = code;
        depths[count++] = depth;
        at++;
    }
  }
  finalDepth = depth;
  return !inTemplate && templates.length === 0;
}
