// Where a lint run spends its time, asked for with TRUNKLINE_PROFILE_RULES=1: each stage of a file
// (YAML, the schema, GitHub's parser, the rules) and each rule on its own. Kept only when asked
// for: a run without it builds nothing and wraps nothing.
import { performance } from "node:perf_hooks";

/** The variable that turns the profile on. */
export const PROFILE_RULES_ENV = "TRUNKLINE_PROFILE_RULES";

/** Time summed by name, and how many times each was counted. */
export interface LintProfile {
  /** Adds `ms` to `name`. */
  add(name: string, ms: number): void;
  /** Runs `work`, adding the time it took to `name`. */
  time<T>(name: string, work: () => T): T;
  /** Awaits `work`, adding the time until it settles to `name`. */
  timeAsync<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** The rows, slowest first: name, milliseconds, calls. */
  rows(): { name: string; ms: number; calls: number }[];
}

/** A profile, when `env` asks for one. */
export function lintProfileFor(env: Readonly<Record<string, string | undefined>>): LintProfile | undefined {
  const value = env[PROFILE_RULES_ENV];
  return value && value !== "0" ? createLintProfile() : undefined;
}

/** An empty {@link LintProfile}. */
export function createLintProfile(): LintProfile {
  const totals = new Map<string, { ms: number; calls: number }>();
  const add = (name: string, ms: number) => {
    const entry = totals.get(name);
    if (entry) {
      entry.ms += ms;
      entry.calls++;
    } else totals.set(name, { ms, calls: 1 });
  };
  return {
    add,
    time(name, work) {
      const start = performance.now();
      try {
        return work();
      } finally {
        add(name, performance.now() - start);
      }
    },
    async timeAsync(name, work) {
      const start = performance.now();
      try {
        return await work();
      } finally {
        add(name, performance.now() - start);
      }
    },
    rows: () => [...totals].map(([name, { ms, calls }]) => ({ name, ms, calls })).sort((a, b) => b.ms - a.ms || (a.name < b.name ? -1 : 1)),
  };
}

/** The profile as a table for stderr: stages (`stage:`), then rules (`rule:`), each with its share of the whole. */
export function formatLintProfile(profile: LintProfile, files: number, wallMs: number): string {
  const rows = profile.rows();
  const lines = [`lint profile: ${files} file(s) on one thread, ${wallMs.toFixed(0)} ms in all`, `${"ms".padStart(9)}  ${"share".padStart(6)}  ${"calls".padStart(7)}  name`];
  for (const row of rows) lines.push(`${row.ms.toFixed(1).padStart(9)}  ${`${((100 * row.ms) / Math.max(wallMs, 1e-9)).toFixed(1)}%`.padStart(6)}  ${String(row.calls).padStart(7)}  ${row.name}`);
  return `${lines.join("\n")}\n`;
}
