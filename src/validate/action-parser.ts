// An action's metadata (action.yml) checked by GitHub's own parser, against the action definition
// (`action-v1.0`) that ships in @actions/workflow-parser beside the workflow one.
import { NoOperationTraceWriter } from "@actions/workflow-parser";
import { convertActionTemplate, getActionSchema, parseAction } from "@actions/workflow-parser/actions/index";
import { ErrorPolicy } from "@actions/workflow-parser/model/convert";
import { TemplateContext, TemplateValidationErrors } from "@actions/workflow-parser/templates/template-context";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { toDiagnostic } from "./parser.js";

/**
 * Checks an action.yml with GitHub's parser: its keys and their values against `action-v1.0`
 * (`runs` of a composite, JavaScript or Docker action, inputs, outputs, branding), the expressions
 * in it and the contexts each key allows, then the conversion GitHub does of a composite's steps.
 */
export function validateActionWithParser(yamlText: string, file: string): Diagnostic[] {
  const context = new TemplateContext(new TemplateValidationErrors(), getActionSchema(), new NoOperationTraceWriter());
  try {
    const parsed = parseAction({ name: file, content: yamlText }, context);
    if (parsed.value !== undefined) convertActionTemplate(context, parsed.value, { errorPolicy: ErrorPolicy.TryConversion });
  } catch (error) {
    return [{ rule: "parser", severity: "error", file, message: `GitHub's action parser failed: ${error instanceof Error ? error.message : String(error)}`, hint: "check the action.yml by hand; if it looks right, report this with the file attached" }];
  }
  const lines = yamlText.split(/\r?\n/);
  return context.errors.getErrors().map((error) => toDiagnostic(error, file, lines));
}
