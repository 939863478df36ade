import type * as GitHub from "../types/index.js";
import { type Context, contextOf } from "./_context.js";

// `secrets` of a reusable workflow: the names its `workflow_call` trigger declares, and the token
// GitHub always passes. Exported apart so a call of the workflow can check its `secrets:` too.

type CallTrigger<On> = On extends { readonly workflow_call?: infer T } ? NonNullable<T> : never;

/**
 * The secrets a workflow's `workflow_call` trigger declares, as written there (name → `{ required?, description? }`).
 *
 * @example
 * type Declared = WorkflowCallSecrets<typeof on>;  // { NPM_TOKEN: { required: true } }
 */
export type WorkflowCallSecrets<On> = [CallTrigger<On>] extends [never] ? {} : CallTrigger<On> extends { readonly secrets?: infer S } ? (NonNullable<S> extends object ? NonNullable<S> : {}) : {};

/**
 * The names of the secrets `workflow_call` declares as `required: true`: a caller must pass each.
 *
 * @example
 * type Required = RequiredSecretNames<typeof on>;  // "NPM_TOKEN"
 */
export type RequiredSecretNames<On> = { [K in keyof WorkflowCallSecrets<On>]: WorkflowCallSecrets<On>[K] extends { readonly required: true } ? K : never }[keyof WorkflowCallSecrets<On>] & string;

/**
 * The shape of `secrets` in a workflow with the triggers `On`: every secret `workflow_call` declares,
 * and `GITHUB_TOKEN`, which GitHub always provides.
 *
 * @example
 * type Shape = SecretsShape<typeof on>;  // { readonly NPM_TOKEN: string; readonly GITHUB_TOKEN: string }
 */
export type SecretsShape<On> = { readonly [K in keyof WorkflowCallSecrets<On> | "GITHUB_TOKEN"]: string };

/**
 * The `secrets` context of a reusable workflow with the triggers `on`: only the secrets its
 * `workflow_call` declares (and `GITHUB_TOKEN`), so a misspelt name is a type error and no `!` is
 * needed under `noUncheckedIndexedAccess`. Declare `on` with `defineTriggers` to keep its names.
 *
 * @example
 * const on = defineTriggers({ workflow_call: { secrets: { NPM_TOKEN: { required: true } } } });
 * const secrets = secretsOf(on);  // secrets.NPM_TOKEN → ${{ secrets.NPM_TOKEN }}
 */
export function secretsOf<const On extends GitHub.On>(on: On): Context<"secrets", SecretsShape<On>> {
  void on; // only its type matters: the context reads the secrets by name at run time
  return contextOf("secrets");
}
