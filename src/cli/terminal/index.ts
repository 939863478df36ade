// Terminal output for people: colour, a progress line, and the summary of what a run wrote.
// Tiny and dependency-free on purpose: every `npm run gen` loads it.
import type { Io } from "../../io/io.js";

/** Which of the process's streams is a terminal; absent (tests, pipes) means neither. */
export type TerminalStreams = NonNullable<Io["terminal"]>;

/** How much a command says on stderr: `quiet` only errors, `verbose` every file by name. */
export type Verbosity = "quiet" | "normal" | "verbose";

/**
 * Whether to colour a stream: `NO_COLOR` (any non-empty value) turns colour off, `FORCE_COLOR`
 * 0 turns it off and 1, 2 or 3 on even when the stream is no terminal (https://no-color.org,
 * https://force-color.org); otherwise colour only on a terminal.
 */
export function isColorEnabled(env: Readonly<Record<string, string | undefined>>, isTerminal: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force === "0" || force === "false") return false;
  if (force === "1" || force === "2" || force === "3" || force === "true") return true;
  return isTerminal && env.TERM !== "dumb";
}

/** Styles for human text; each is the identity when colour is off, so callers never test for it. */
export interface Style {
  readonly isColored: boolean;
  error(text: string): string;
  warning(text: string): string;
  success(text: string): string;
  /** A file path the reader may open. */
  path(text: string): string;
  /** A rule id, a command: something to look up. */
  rule(text: string): string;
  /** Context that matters less: code frames, counts of what did not change. */
  dim(text: string): string;
  bold(text: string): string;
}

// SGR codes, each closed by its own reset so styles nest (bold inside red stays red after it).
const paint = (open: number, close: number) => (text: string) => (text === "" ? text : `\u001b[${open}m${text}\u001b[${close}m`);
const identity = (text: string) => text;

/** The style of plain text, for machine formats and anything not a terminal. */
export const PLAIN: Style = { isColored: false, error: identity, warning: identity, success: identity, path: identity, rule: identity, dim: identity, bold: identity };

const COLORED: Style = { isColored: true, error: paint(31, 39), warning: paint(33, 39), success: paint(32, 39), path: paint(36, 39), rule: paint(2, 22), dim: paint(2, 22), bold: paint(1, 22) };

/**
 * The style for text written to one of `io`'s streams: coloured per {@link isColorEnabled}, and
 * only in the `pretty` format: what a tool reads (json, sarif, github annotations) stays plain.
 */
export function styleFor(io: Pick<Io, "env" | "terminal">, stream: keyof TerminalStreams, format = "pretty"): Style {
  return format === "pretty" && isColorEnabled(io.env, io.terminal?.[stream] ?? false) ? COLORED : PLAIN;
}

/** A line on stderr that says how far long work has got; it is rewritten in place and cleared by `done`. */
export interface Progress {
  /** Counts `count` more items done (and redraws, at most ten times a second). */
  advance(count?: number): void;
  /** Clears the line; call it before printing anything else, and always at the end. */
  done(): void;
}

const NO_PROGRESS: Progress = { advance() {}, done() {} };
// Work that ends within this time never shows a line: a flash of text is noise.
const PROGRESS_DELAY_MS = 1000;
const PROGRESS_REDRAW_MS = 100;

/**
 * A progress line for work that may take over a second (`label` is e.g. "linting"; `total`, when
 * known, the number of items): only on a terminal stderr, never in a machine format or when quiet.
 * Nothing shows before a second has passed; then the line shows the count and the time so far.
 */
export function startProgress(io: Pick<Io, "env" | "terminal" | "stderr">, label: string, options: { total?: number; unit?: string; enabled?: boolean } = {}): Progress {
  if (options.enabled === false || !io.terminal?.stderr || io.env.TERM === "dumb") return NO_PROGRESS;
  const started = Date.now();
  let done = 0;
  let shown = false;
  let lastDraw = 0;
  const draw = () => {
    const now = Date.now();
    if (now - started < PROGRESS_DELAY_MS) return;
    lastDraw = now;
    shown = true;
    const count = options.total === undefined ? (done ? ` ${done} ${options.unit ?? ""}`.trimEnd() : "") : ` ${done}/${options.total} ${options.unit ?? ""}`.trimEnd();
    // \r back to the start of the line, ESC[K erases what a longer earlier line left
    io.stderr(`\r\u001b[Ktrunkline: ${label}${count} (${((now - started) / 1000).toFixed(1)} s)`);
  };
  // keeps the line moving while one long step (a cold compile) gives no count; unref'd, so it
  // never keeps the process alive
  const timer = setInterval(draw, PROGRESS_REDRAW_MS * 5);
  timer.unref?.();
  return {
    advance(count = 1) {
      done += count;
      if (Date.now() - lastDraw >= PROGRESS_REDRAW_MS) draw();
    },
    done() {
      clearInterval(timer);
      if (shown) io.stderr("\r\u001b[K");
      shown = false;
    },
  };
}

// How many names a summary shows of each kind before "and N more".
const FIRST_FEW = 5;

/** What one run wrote, removed and left alone, by path. */
export interface WrittenSummary {
  written: readonly string[];
  removed: readonly string[];
  unchanged: readonly string[];
}

/**
 * The summary of a run that writes files (`gen`, `gen --dry-run`, a watch rebuild): the counts,
 * then the files written and removed by name, the first few of each or every one when verbose.
 */
export function formatWrittenSummary(summary: WrittenSummary, options: { style?: Style; verbosity?: Verbosity; dryRun?: boolean; /** false when each removal was named already, with its reason */ listRemoved?: boolean } = {}): string {
  const style = options.style ?? PLAIN;
  const verbose = options.verbosity === "verbose";
  const [wrote, removed] = options.dryRun ? ["would write", "would remove"] : ["written", "removed"];
  const counts = `${summary.written.length} ${options.dryRun ? "to write" : "written"}, ${summary.removed.length} ${options.dryRun ? "to remove" : "removed"}, ${summary.unchanged.length} unchanged`;
  const lines = [`trunkline: ${options.dryRun ? "dry run, nothing written: " : ""}${counts}.`];
  const list = (verb: string, paths: readonly string[]) => {
    const shown = verbose ? paths : paths.slice(0, FIRST_FEW);
    for (const path of shown) lines.push(`  ${verb} ${style.path(path)}`);
    if (shown.length < paths.length) lines.push(style.dim(`  and ${paths.length - shown.length} more ${verb} (--verbose lists them)`));
  };
  list(wrote, summary.written);
  if (options.listRemoved !== false) list(removed, summary.removed);
  if (verbose) for (const path of summary.unchanged) lines.push(style.dim(`  unchanged ${path}`));
  return `${lines.join("\n")}\n`;
}
