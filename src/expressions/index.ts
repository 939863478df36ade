// Typed `${{ }}` expressions: contexts, functions and operators the compiler checks, with only the
// contexts GitHub allows at each key. Strings stay accepted everywhere as the escape hatch.
export type { Rendered, TypedExpression } from "./_expression.js";
export { isRendered, renderedTextOf } from "./_expression.js";
export type { Context } from "./_context.js";
export type { Operand } from "./_literal.js";
export { github, githubOf } from "./github.js";
export type { EventPayloads, GitHubContext, GitHubEvent } from "./github.js";
export { env, jobContext, runner, secrets, steps, strategy, vars } from "./contexts.js";
export type { Result, StepContext } from "./contexts.js";
export { defineTriggers, inputsOf } from "./data-flow.js";
export { actionInputsOf } from "./action-inputs.js";
export { secretsOf } from "./secrets.js";
export type { RequiredSecretNames, SecretsShape, WorkflowCallSecrets } from "./secrets.js";
export { expr } from "./expr.js";
export type { HasOutputs, HasStepOutputs, StepsContext, StepsShape, InputsShape, MatrixContext, MatrixLiteral, MatrixShape, NeedsContext } from "./data-flow.js";
export { always, and, cancelled, contains, endsWith, eq, failure, format, fromJSON, hashFiles, join, ne, not, or, startsWith, success, toJSON } from "./functions.js";
