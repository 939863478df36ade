// Where atomic writes keep their temporary files, how those files are named, and how a file left
// behind by an interrupted write is told from one a running write still needs.

/**
 * The folder of temporary files, beside the manifest: never where GitHub reads workflows, and on
 * the same file system as the outputs in the usual layout, so the final rename is atomic.
 */
export const TEMPORARY_DIR = ".trunkline/tmp";

/** The name of the temporary file process `pid` writes, as its `sequence`th write, before renaming it to `file`. */
export function temporaryName(file: string, pid: number, sequence: number): string {
  return `${pid}.${sequence}.${baseName(file)}.tmp`;
}

/**
 * The name of a temporary file written beside its target, `.<name>.<pid>.tmp`: what trunkline
 * wrote before temporary files moved to {@link TEMPORARY_DIR}, and still its fallback when that
 * folder is on another file system.
 */
export function besideTargetName(file: string, pid: number): string {
  return `.${baseName(file)}.${pid}.tmp`;
}

const IN_TEMPORARY_DIR = /^(\d+)\.\d+\..+\.tmp$/;
const BESIDE_TARGET = /^\..+\.(\d+)\.tmp$/;

/**
 * The process that wrote a temporary file, from its name (`inTemporaryDir`: a file of
 * {@link TEMPORARY_DIR}); undefined when the name is not one trunkline gives.
 */
export function writerOf(name: string, inTemporaryDir: boolean): number | undefined {
  const match = (inTemporaryDir ? IN_TEMPORARY_DIR : BESIDE_TARGET).exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Whether a temporary file by process `pid` is a leftover: its writer is gone, or it is this
 * process, which is not writing while it looks (a reused process id, as in a container, starts
 * afresh too).
 */
export function isLeftoverOf(pid: number, isRunning: (pid: number) => boolean): boolean {
  return pid === process.pid || !isRunning(pid);
}

/** Whether a process is alive: signal 0 tests for it without sending anything. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}
