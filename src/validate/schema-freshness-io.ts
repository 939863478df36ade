import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Io } from "../io/io.js";
import { recordedCorrections } from "./parser-corrections.js";
import { schemaFreshness, type SchemaFreshnessInput } from "./schema-freshness.js";

const PARSER_DEFINITION = "node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json";
// Checked even when provenance.json is unreadable, so a missing output is still named.
const DEFAULT_SCHEMA_FILES = ["workflow.schema.json", "validate-workflow.js", "validate-workflow.d.ts"];

/** Reads a file relative to the package root; undefined when it does not exist. */
type ReadText = (file: string) => Promise<string | undefined>;

/** Reads the hashes and provenance that schemaFreshness compares, for the package rooted at `packageRoot`. */
export async function readSchemaFreshnessInput(packageRoot: string): Promise<SchemaFreshnessInput | undefined> {
  return readInput((file) => readFile(path.join(packageRoot, file), "utf8").catch(() => undefined));
}

/** Checks schema/ of the package at `packageRoot` against the installed parser and its own provenance. */
export async function checkSchemaFreshness(packageRoot: string): Promise<Diagnostic[]> {
  const input = await readSchemaFreshnessInput(packageRoot);
  return input ? schemaFreshness(input) : [parserMissing()];
}

/**
 * The same check through the command's Io, for `trunkline check` run in trunkline's own repository;
 * other repositories have no schema/ of trunkline's, so there is nothing to report.
 */
export async function schemaFreshnessOf(io: Io): Promise<Diagnostic[]> {
  const packageJson = parseJson(await io.readText("package.json")) as { name?: unknown } | undefined;
  if (packageJson?.name !== "trunkline") return [];
  const input = await readInput((file) => io.readText(file));
  return input ? schemaFreshness(input) : [parserMissing()];
}

async function readInput(read: ReadText): Promise<SchemaFreshnessInput | undefined> {
  const definition = await read(PARSER_DEFINITION);
  if (definition === undefined) return undefined;
  const provenance = parseJson(await read("schema/provenance.json"));
  const recorded = (provenance as { outputs?: unknown } | undefined)?.outputs;
  const names = typeof recorded === "object" && recorded !== null ? Object.keys(recorded) : DEFAULT_SCHEMA_FILES;
  const schemaFiles: Record<string, string> = {};
  for (const name of names) {
    const text = await read(`schema/${name}`);
    if (text !== undefined) schemaFiles[name] = sha256(text);
  }
  return { parserDefinitionSha256: sha256(definition), schemaFiles, provenance, corrections: recordedCorrections() };
}

function parserMissing(): Diagnostic {
  return {
    rule: "sync",
    severity: "error",
    file: "schema/provenance.json",
    message: `${PARSER_DEFINITION} was not found, so schema/ cannot be checked against it`,
    hint: 'run "npm install"',
  };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Generated files are UTF-8, so hashing the decoded text gives the hash of the bytes on disk.
function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
