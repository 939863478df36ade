import { type Context, contextOf } from "./_context.js";

/** How a job or step ended, as `needs.<job>.result` and `steps.<id>.outcome` report it. */
export type Result = "success" | "failure" | "cancelled" | "skipped";

// NOTE: names of secrets, variables, environment variables and step ids are the author's: these
// contexts are string records, so any name is accepted (with `noUncheckedIndexedAccess`, a property
// read is typed `| undefined`: write `secrets.NPM_TOKEN!`). `secretsOf(on)` and `jobSteps()` type
// them by name instead, with no `!`.

/** The `secrets` context: `secrets.NPM_TOKEN` → `${{ secrets.NPM_TOKEN }}`. */
export const secrets: Context<"secrets", { readonly [name: string]: string }> = contextOf("secrets");

/** The `vars` context (configuration variables): `vars.RUNNER` → `${{ vars.RUNNER }}`. */
export const vars: Context<"vars", { readonly [name: string]: string }> = contextOf("vars");

/** The `env` context: `env.NODE_ENV` → `${{ env.NODE_ENV }}`. */
export const env: Context<"env", { readonly [name: string]: string }> = contextOf("env");

/** What the `steps` context knows about one step of the current job. */
export interface StepContext {
  outputs: { readonly [name: string]: string };
  outcome: Result;
  conclusion: Result;
}

/** The `steps` context: `steps.version.outputs.tag` → `${{ steps.version.outputs.tag }}`. */
export const steps: Context<"steps", { readonly [id: string]: StepContext }> = contextOf("steps");

/** The `runner` context. */
export const runner: Context<"runner", { name: string; os: "Linux" | "Windows" | "macOS"; arch: "X86" | "X64" | "ARM" | "ARM64"; temp: string; tool_cache: string; debug: string; environment: string }> = contextOf("runner");

/** The `strategy` context of a matrix job. */
export const strategy: Context<"strategy", { "fail-fast": boolean; "job-index": number; "job-total": number; "max-parallel": number }> = contextOf("strategy");

/** The `job` context: the running job's container, services and status. */
export const jobContext: Context<"job", { status: Result; check_run_id: number; container: { id: string; network: string }; services: { readonly [id: string]: { id: string; network: string; ports: { readonly [port: string]: string } } } }> = contextOf("job");
