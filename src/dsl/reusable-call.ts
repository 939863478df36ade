// Calling a reusable workflow by passing the workflow itself: `with` and `secrets` are typed from
// its `workflow_call` inputs and secrets, the calling job's outputs from its `workflow_call`
// outputs, and `gen` writes the `uses:` path (./.github/workflows/<file>, or a pinned remote one).
import type * as GitHub from "../types/index.js";
import type { Rendered } from "../expressions/_expression.js";
import { JOB, REMOTE_WORKFLOW } from "./brand.js";
import { captureCallSite } from "./call-site.js";
import type { CallerJobSpec, DefineOptions, Job, Workflow } from "./types.js";

/**
 * A reusable workflow published from another repository, as {@link remoteWorkflow} describes it:
 * where it lives, the commit it is pinned to, and its `workflow_call` interface.
 *
 * @example
 * const deploy: RemoteWorkflow<{ inputs: { environment: { type: "string"; required: true } } }> = remoteWorkflow({ … });
 */
export interface RemoteWorkflow<Call extends GitHub.WorkflowCallMapping = GitHub.WorkflowCallMapping> {
  readonly [REMOTE_WORKFLOW]: true;
  /** `owner/repo`. */
  readonly repo: string;
  /** The file name inside that repository's `.github/workflows/`, e.g. `build.yml`. */
  readonly file: string;
  /** The full commit SHA the call is pinned to. */
  readonly sha: string;
  /** The release tag that commit was published as, written as a comment beside the pin. */
  readonly tag: string;
  /** The workflow's interface, as its `on.workflow_call` declares it. */
  readonly workflow_call: Call;
}

/**
 * What {@link remoteWorkflow} takes: the published workflow's place, pin and interface.
 *
 * @example
 * { repo: "acme/platform", file: "deploy.yml", sha: "0123456789abcdef0123456789abcdef01234567", tag: "v3.2.0", workflow_call: { inputs: { … } } }
 */
export interface RemoteWorkflowDescriptor<Call extends GitHub.WorkflowCallMapping> {
  /** `owner/repo`. */
  repo: `${string}/${string}`;
  /** The file name inside `.github/workflows/` of that repository, e.g. `build.yml`. */
  file: string;
  /** The full 40-character commit SHA to pin the call to. */
  sha: string;
  /** The release tag of that commit, e.g. `v1.4.0`: written as a comment beside the pin. */
  tag: string;
  /** Its `on.workflow_call`, copied from the published file: inputs, secrets and outputs. */
  workflow_call: Call;
}

/**
 * Describes a reusable workflow published from another repository, so {@link job.call} can call it
 * with `with` and `secrets` checked against its interface. `gen` writes
 * `uses: owner/repo/.github/workflows/<file>@<sha> # <tag>`.
 *
 * @example
 * const deploy = remoteWorkflow({
 *   repo: "acme/platform", file: "deploy.yml", sha: "0123456789abcdef0123456789abcdef01234567", tag: "v3.2.0",
 *   workflow_call: { inputs: { environment: { type: "string", required: true } }, outputs: { url: { value: "${{ jobs.deploy.outputs.url }}" } } },
 * });
 * const release = job.call(deploy, { with: { environment: "production" } });
 */
export function remoteWorkflow<const Call extends GitHub.WorkflowCallMapping>(descriptor: RemoteWorkflowDescriptor<Call> & NoInfer<{ readonly workflow_call: ExactCall<Call> }>): RemoteWorkflow<Call> {
  const { repo, file, sha, tag, workflow_call } = descriptor;
  return { [REMOTE_WORKFLOW]: true, repo, file, sha, tag, workflow_call };
}

// ---- the callee's interface ------------------------------------------------------------------------

type CallKeys = keyof GitHub.WorkflowCallMapping;
type InputDefinitionKeys = keyof GitHub.WorkflowCallInputDefinition | keyof GitHub.WorkflowDispatchInput;
type SecretDefinitionKeys = keyof GitHub.WorkflowCallSecretMappingDefinition;
type OutputDefinitionKeys = keyof GitHub.WorkflowCallOutputDefinition;
type Exact<T, Keys extends PropertyKey> = T extends object ? { readonly [K in Exclude<keyof T, Keys>]: never } : unknown;
type ExactEach<Map, Keys extends PropertyKey> = Map extends object ? { readonly [Name in keyof Map]: Exact<Map[Name], Keys> } : unknown;

/**
 * `Call` with every key a `workflow_call` definition does not have typed `never`: a literal whose
 * type is inferred is not checked for unknown keys otherwise (`requird: true`).
 */
export type ExactCall<Call> = Call extends object
  ? { readonly [K in Exclude<keyof Call, CallKeys>]: never } & {
      readonly inputs?: ExactEach<Member<Call, "inputs">, InputDefinitionKeys>;
      readonly secrets?: ExactEach<Member<Call, "secrets">, SecretDefinitionKeys>;
      readonly outputs?: ExactEach<Member<Call, "outputs">, OutputDefinitionKeys>;
    }
  : unknown;

/** A workflow's `on`, with the unknown keys of its input, secret and output definitions typed `never` (see {@link ExactCall}). */
export type ExactTriggers<On> = [GitHub.On] extends [On]
  ? unknown
  : On extends readonly unknown[]
  ? unknown
  : On extends object
    ? {
        readonly workflow_call?: ExactCall<Member<On, "workflow_call">> | null;
        readonly workflow_dispatch?: { readonly inputs?: ExactEach<Member<Member<On, "workflow_dispatch">, "inputs">, InputDefinitionKeys> } | null;
      }
    : unknown;

type Member<T, K extends PropertyKey> = T extends { readonly [P in K]?: infer V } ? NonNullable<V> : {};

/**
 * The `workflow_call` interface of a workflow whose triggers are `On`; `never` when it has no `workflow_call`.
 *
 * @example
 * type Call = CallInterfaceOf<{ workflow_call: { inputs: { tag: { type: "string" } } } }>; // { inputs: { tag: … } }
 */
export type CallInterfaceOf<On> = [GitHub.On] extends [On]
  ? GitHub.WorkflowCallMapping // a workflow typed loosely (its `on` is not a literal): nothing to check against
  : On extends "workflow_call"
    ? {}
    : On extends readonly (infer Event)[]
      ? ("workflow_call" extends Event ? {} : never)
      : On extends { readonly workflow_call?: infer Call }
        ? ("workflow_call" extends keyof On ? (Call extends object ? Call : {}) : never)
        : never;

/**
 * The `workflow_call` interface of something {@link job.call} can call.
 *
 * @example
 * type Call = CalleeInterface<typeof buildImage>; // its `on.workflow_call`
 */
export type CalleeInterface<Callee> = Callee extends RemoteWorkflow<infer Call> ? Call : Callee extends Workflow<infer On> ? CallInterfaceOf<On> : never;

// ---- what the caller passes ------------------------------------------------------------------------

// The contexts GitHub allows in a calling job's `with` (and, plus `secrets`, in its `secrets`).
type WithContexts = "github" | "inputs" | "vars" | "needs" | "strategy" | "matrix";
/**
 * Text with a `${{ … }}` in it: the escape hatch, checked by `gen` rather than by type.
 *
 * @example
 * job.call(buildImage, { with: { push: "${{ inputs.push }}" } });
 */
export type ExpressionText = `${string}\${{${string}}}${string}`;

type ValueFor<Definition> = Definition extends { readonly type: "boolean" }
  ? boolean
  : Definition extends { readonly type: "number" }
    ? number
    : Definition extends { readonly type: "choice"; readonly options: readonly (infer Option)[] }
      ? Option
      : string;

/**
 * What a calling job may pass for an input with this definition: a value of its type, or an expression of that type.
 *
 * @example
 * const push: InputArgument<{ type: "boolean" }> = inputs.push; // or true, or "${{ … }}"
 */
export type InputArgument<Definition> = ValueFor<Definition> | Rendered<WithContexts, ValueFor<Definition>> | ExpressionText;

type RequiredNames<Definitions> = { [Name in keyof Definitions]-?: Definitions[Name] extends { readonly required: true } ? Name : never }[keyof Definitions];

/**
 * The `with` of a call: every declared input by name, the required ones required.
 *
 * @example
 * const inputs: CallInputs<{ context: { type: "string"; required: true } }> = { context: "services/api" };
 */
export type CallInputs<Definitions> = { readonly [Name in RequiredNames<Definitions>]: InputArgument<Definitions[Name]> } & {
  readonly [Name in Exclude<keyof Definitions, RequiredNames<Definitions>>]?: InputArgument<Definitions[Name]>;
};

type SecretArgument = string | Rendered<WithContexts | "secrets", string>;

/**
 * The `secrets` of a call: every declared secret by name, the required ones required; or `"inherit"`.
 *
 * @example
 * const passed: CallSecrets<{ token: { required: true } }> = { token: "${{ secrets.TOKEN }}" };
 */
export type CallSecrets<Definitions> =
  | "inherit"
  | ({ readonly [Name in RequiredNames<Definitions>]: SecretArgument } & { readonly [Name in Exclude<keyof Definitions, RequiredNames<Definitions>>]?: SecretArgument });

type WithField<Definitions> = [RequiredNames<Definitions>] extends [never] ? { readonly with?: CallInputs<Definitions> } : { readonly with: CallInputs<Definitions> };
type SecretsField<Definitions> = [RequiredNames<Definitions>] extends [never] ? { readonly secrets?: CallSecrets<Definitions> } : { readonly secrets: CallSecrets<Definitions> };

/**
 * The fields of a job calling a workflow whose `workflow_call` is `Call`, other than `uses`.
 *
 * @example
 * const fields: CallFields<CalleeInterface<typeof buildImage>> = { needs: [lint], with: { context: "." }, secrets: "inherit" };
 */
export type CallFields<Call> = Omit<CallerJobSpec, "uses" | "with" | "secrets"> & WithField<Member<Call, "inputs">> & SecretsField<Member<Call, "secrets">>;

/**
 * The names of the outputs a `workflow_call` declares: the calling job's outputs.
 *
 * @example
 * type Outputs = CallOutputNames<{ outputs: { digest: { value: "…" } } }>; // "digest"
 */
export type CallOutputNames<Call> = keyof Member<Call, "outputs"> & string;

/**
 * What {@link job.call} refuses: a workflow without a `workflow_call` trigger cannot be called.
 *
 * @example
 * job.call(ci, {}); // error: … is not assignable to … & NotReusable
 */
export interface NotReusable {
  readonly "a reusable workflow has `workflow_call` among its triggers": never;
}

/**
 * Declares a job that calls a reusable workflow: pass the workflow itself (built with `workflow()`
 * and generated in the same target) or a {@link remoteWorkflow}. `with` and `secrets` are checked
 * against its `workflow_call` inputs and secrets, and `needs.<this job>.outputs` has its outputs.
 *
 * @example
 * const image = job.call(buildImage, { with: { context: "services/api" }, secrets: { registry_token: secrets.REGISTRY_TOKEN } });
 * const report = job.using({ needs: { image } }, ({ needs }) => ({ … needs.image.outputs.digest … }));
 */
export function callWorkflow<const Callee extends Workflow<unknown> | RemoteWorkflow<{}>>(
  callee: Callee & ([CalleeInterface<Callee>] extends [never] ? NotReusable : unknown),
  fields: NoInfer<CallFields<CalleeInterface<Callee>>>,
  options?: DefineOptions,
): Job<CallerJobSpec, CallOutputNames<CalleeInterface<Callee>>> {
  // `uses` holds the callee until `gen` knows where it is generated (see normalize/to-json.ts).
  const spec = { ...(fields as object), uses: callee } as unknown as CallerJobSpec;
  return { [JOB]: true, spec, definedAt: captureCallSite(), ...(options?.suppress?.length ? { suppress: [...options.suppress] } : {}) };
}
