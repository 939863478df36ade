/** The exit codes every command uses (README "CLI"). */
export const ExitCode = {
  /** Done; nothing wrong. */
  Ok: 0,
  /** `check`: files out of sync; `lint`: errors found. */
  Problems: 1,
  /** Errors in sources, config or outputs' validation; nothing was written. */
  SourceErrors: 2,
  /** The command line itself is wrong. */
  Usage: 3,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
