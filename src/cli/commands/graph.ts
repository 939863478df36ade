import { LineCounter, parseDocument } from "yaml";
import { jobGraphMermaid } from "../../graph/job-graph.js";
import type { Io } from "../../io/io.js";
import { type JsonObject, isJsonObject } from "../../model/json.js";
import { toProjectPath } from "../../io/project-path.js";
import { yamlValue } from "../../validate/yaml-value.js";
import { ExitCode } from "../exit-code.js";

/** `trunkline graph <workflow.yml>`: print the workflow's job graph as Mermaid. */
export async function graph(options: { file: string }, io: Io): Promise<ExitCode> {
  const file = toProjectPath(io, options.file);
  const text = (await io.kindOf(file)) === "file" ? await io.readText(file) : undefined;
  if (text === undefined) {
    io.stderr(`trunkline graph: ${file} does not exist; pass a workflow YAML file, e.g. .github/workflows/ci.yml\n`);
    return ExitCode.SourceErrors;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { merge: true, lineCounter });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    io.stderr(`trunkline graph: ${file} is not valid YAML: ${syntaxError.message.split("\n")[0]}\n  hint: run "trunkline lint ${file}"\n`);
    return ExitCode.SourceErrors;
  }
  const read = yamlValue(document, lineCounter);
  if (read.problems.length > 0) {
    for (const problem of read.problems) {
      const place = problem.line === undefined ? "" : `:${problem.line}:${problem.column}`;
      io.stderr(`trunkline graph: ${file}${place}: ${problem.message}\n  hint: ${problem.hint}\n`);
    }
    return ExitCode.SourceErrors;
  }
  const workflow = read.value;
  if (!isJsonObject((workflow ?? null) as never) || !isJsonObject(((workflow as JsonObject).jobs ?? null) as never)) {
    io.stderr(`trunkline graph: ${file} has no jobs mapping, so it is not a workflow\n`);
    return ExitCode.SourceErrors;
  }
  io.stdout(jobGraphMermaid(workflow as JsonObject));
  return ExitCode.Ok;
}
