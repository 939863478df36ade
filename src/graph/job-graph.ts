import { type JsonObject, isJsonObject } from "../model/json.js";

/**
 * The job graph of a workflow as a Mermaid flowchart: one node per job (labelled with its name, or
 * its id), one edge per `needs`. Node ids are generated, since job ids may hold characters Mermaid
 * reads as syntax; a `needs` naming no job of the workflow is drawn as a dashed missing node.
 */
export function jobGraphMermaid(workflow: JsonObject): string {
  const jobs = isJsonObject(workflow.jobs ?? null) ? (workflow.jobs as JsonObject) : {};
  const ids = Object.keys(jobs);
  const nodeOf = new Map(ids.map((id, index) => [id, `job${index}`]));
  const lines = ["flowchart LR"];
  for (const id of ids) {
    const job = jobs[id];
    const name = isJsonObject(job ?? null) && typeof (job as JsonObject).name === "string" ? ((job as JsonObject).name as string) : id;
    lines.push(`  ${nodeOf.get(id)}["${escapeLabel(name === id ? id : `${name} (${id})`)}"]`);
  }
  const missing = new Map<string, string>();
  for (const id of ids) {
    for (const needed of needsOf(jobs[id])) {
      let node = nodeOf.get(needed);
      if (!node) {
        node = missing.get(needed) ?? `missing${missing.size}`;
        if (!missing.has(needed)) lines.push(`  ${node}["${escapeLabel(needed)}: not a job"]:::missing`);
        missing.set(needed, node);
      }
      lines.push(`  ${node} --> ${nodeOf.get(id)}`);
    }
  }
  if (missing.size) lines.push("  classDef missing stroke-dasharray: 5 5");
  return `${lines.join("\n")}\n`;
}

function needsOf(job: unknown): string[] {
  if (!isJsonObject(job ?? null)) return [];
  const needs = (job as JsonObject).needs;
  if (typeof needs === "string") return [needs];
  return Array.isArray(needs) ? needs.filter((entry): entry is string => typeof entry === "string") : [];
}

// Mermaid labels are quoted; a quote inside one is written as an entity.
function escapeLabel(text: string): string {
  return text.replace(/"/g, "#quot;");
}
