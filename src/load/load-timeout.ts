import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Seconds a batch of sources may take to import before the ones still importing are reported as hung. */
export const DEFAULT_LOAD_TIMEOUT = 10;
/** The environment variable that sets the load timeout for one run; it wins over the config's `loadTimeout`. */
export const LOAD_TIMEOUT_ENV = "TRUNKLINE_LOAD_TIMEOUT";

// setTimeout holds at most 2^31-1 ms (about 24 days); a longer wait is no limit anyone means.
const MAX_SECONDS = 2_000_000;

/** A timeout in seconds, or undefined when `value` is not a positive number (a string of one, from the environment). */
export function parseLoadTimeout(value: unknown): number | undefined {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_SECONDS ? seconds : undefined;
}

/** What is wrong with `TRUNKLINE_LOAD_TIMEOUT`, if it is set to something that is not a number of seconds. */
export function loadTimeoutEnvProblem(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[LOAD_TIMEOUT_ENV];
  if (value === undefined || value === "" || parseLoadTimeout(value) !== undefined) return undefined;
  return `${LOAD_TIMEOUT_ENV}=${JSON.stringify(value)} is not a number of seconds; use e.g. ${LOAD_TIMEOUT_ENV}=30`;
}

/** The load timeout in seconds: the environment's, else the config's `loadTimeout`, else {@link DEFAULT_LOAD_TIMEOUT}. */
export function loadTimeoutOf(env: Readonly<Record<string, string | undefined>>, configured?: unknown): number {
  return parseLoadTimeout(env[LOAD_TIMEOUT_ENV]) ?? parseLoadTimeout(configured) ?? DEFAULT_LOAD_TIMEOUT;
}

/** A diagnostic for a config `loadTimeout` that is set but is not a positive number of seconds. */
export function checkLoadTimeoutConfig(configured: unknown, configFile: string): Diagnostic | undefined {
  if (configured === undefined || parseLoadTimeout(configured) !== undefined && typeof configured === "number") return undefined;
  return {
    rule: "config", severity: "error", file: configFile,
    message: `loadTimeout must be a number of seconds greater than 0 (got ${JSON.stringify(configured) ?? String(configured)})`,
    hint: `e.g. loadTimeout: 30; leave it out for the default of ${DEFAULT_LOAD_TIMEOUT} s`,
  };
}
