import type { EmitCache, ValidationCache } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadOptions, LoadedModules } from "../load/load-modules.js";

/**
 * Everything the pipeline's two ends need from the outside world. Commands receive one; only the
 * CLI entry point builds the real one, so commands can run in-process in tests.
 */
export interface Io {
  /**
   * Absolute path of the project root. Paths given to the methods below are relative to it, "/"
   * separated, or absolute (a file outside the project can be read, never written).
   */
  readonly root: string;
  /** Absolute path of the folder the command was run from: user-given paths are relative to it. */
  readonly cwd: string;
  /** The same world seen from another project root (the one found by walking up from `cwd`). */
  withRoot(root: string): Io;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Which of stdout and stderr (and stdin) is a terminal (colour, progress, prompts); absent means none. */
  readonly terminal?: { readonly stdout: boolean; readonly stderr: boolean; readonly stdin?: boolean };
  /** The process's input, for the questions `init` asks on a terminal; absent means nobody to ask. */
  readonly openStdin?: () => NodeJS.ReadableStream;
  readText(file: string): Promise<string | undefined>;
  /** Whether a path is a file, a folder, or nothing at all. */
  kindOf(file: string): Promise<"file" | "folder" | undefined>;
  /** Files directly inside `folder` whose names end in one of `extensions`. */
  listFiles(folder: string, extensions: readonly string[]): Promise<string[]>;
  /** Sub-folders directly inside `folder`. */
  listFolders(folder: string): Promise<string[]>;
  glob(patterns: readonly string[]): Promise<string[]>;
  /**
   * Writes through a temporary file (in `.trunkline/tmp/`) and a rename, so a reader never sees
   * half a file. Each file on its own: a set of writes interrupted midway leaves some files new.
   */
  writeAtomic(file: string, text: string): Promise<void>;
  /**
   * Temporary files that interrupted writes left behind: in `.trunkline/tmp/`, and beside their
   * targets in `folders` (`.<name>.<pid>.tmp`). Files of a write still running are left out.
   */
  listLeftovers(folders: readonly string[]): Promise<string[]>;
  remove(file: string): Promise<void>;
  /** Compiles and imports TypeScript modules; the timeout defaults to `TRUNKLINE_LOAD_TIMEOUT`'s, else 10 s. */
  loadModules(files: readonly string[], cacheName: string, options?: LoadOptions): Promise<LoadedModules>;
  /**
   * What sources did after they were imported that trunkline cannot allow — ending the process,
   * an error escaping from a timer they left running — not reported yet. Each is returned once.
   */
  takeSourceFaults(): Diagnostic[];
  /** The store of emitted and known-valid outputs, or undefined to emit and validate everything every time. */
  openValidationCache(): Promise<(ValidationCache & EmitCache & { save(): Promise<void> }) | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
}
