// The containers a job starts: its `container` and each of its `services`, with where each is written
// and how a message names it. https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idcontainer
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type JobView, isObject } from "./_workflow-view.js";

/** One container of a job, as written: a mapping, an image name, or anything else the file holds. */
export interface JobContainer {
  value: Json;
  path: WorkflowPath;
  /** How messages name it: `the container of job "build"`, `service "db" of job "build"`. */
  label: string;
}

const NONE: readonly JobContainer[] = [];

/** The job's container (when set) and its services, in that order. */
export function jobContainers(job: JobView): readonly JobContainer[] {
  const container = job.raw["container"];
  // most jobs run on the runner itself
  if (container === undefined && job.raw["services"] === undefined) return NONE;
  const found: JobContainer[] = [];
  if (container !== undefined) found.push({ value: container, path: [...job.path, "container"], label: `the container of job "${job.id}"` });
  const services = job.raw["services"];
  if (isObject(services)) {
    for (const [name, service] of Object.entries(services)) found.push({ value: service, path: [...job.path, "services", name], label: `service "${name}" of job "${job.id}"` });
  }
  return found;
}
