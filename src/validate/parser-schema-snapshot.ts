// GitHub's parser reads its own workflow definition (workflow-v1.0.json) through its template
// reader before it can check a file: tens of milliseconds, paid again by every process that
// validates an output (a one-shot gen after an edit validates one). The build writes the
// definition it reads, as plain data, beside the bundle; a run rebuilds the objects from it in a
// few milliseconds. Only the parser's definition classes and plain data are in it.
import { TemplateSchema } from "@actions/workflow-parser/templates/schema/template-schema";
import { BooleanDefinition } from "@actions/workflow-parser/templates/schema/boolean-definition";
import { MappingDefinition } from "@actions/workflow-parser/templates/schema/mapping-definition";
import { NullDefinition } from "@actions/workflow-parser/templates/schema/null-definition";
import { NumberDefinition } from "@actions/workflow-parser/templates/schema/number-definition";
import { OneOfDefinition } from "@actions/workflow-parser/templates/schema/one-of-definition";
import { PropertyDefinition } from "@actions/workflow-parser/templates/schema/property-definition";
import { SequenceDefinition } from "@actions/workflow-parser/templates/schema/sequence-definition";
import { StringDefinition } from "@actions/workflow-parser/templates/schema/string-definition";

/** The file the build writes beside the bundle (dist/data/). */
export const PARSER_SCHEMA_FILE = "parser-schema.json";

// Bump when the snapshot's shape changes.
const FORMAT = 1;
const CLASS_KEY = "$class";

const CLASSES: Record<string, { prototype: object }> = { TemplateSchema, BooleanDefinition, MappingDefinition, NullDefinition, NumberDefinition, OneOfDefinition, PropertyDefinition, SequenceDefinition, StringDefinition };

/** The parser's workflow definition as plain JSON data; throws on an object of a class it does not know (the parser changed). */
export function snapshotSchema(schema: TemplateSchema): unknown {
  const encode = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(encode);
    const prototype = Object.getPrototypeOf(value) as object | null;
    const name = prototype === Object.prototype ? undefined : Object.keys(CLASSES).find((key) => CLASSES[key]!.prototype === prototype);
    if (prototype !== Object.prototype && name === undefined) throw new Error(`the parser's workflow definition holds an object of an unknown class (${String((value as object).constructor?.name)}): update src/validate/parser-schema-snapshot.ts`);
    if (CLASS_KEY in value) throw new Error(`the parser's workflow definition has a key named ${CLASS_KEY}: update src/validate/parser-schema-snapshot.ts`);
    const fields: Record<string, unknown> = name ? { [CLASS_KEY]: name } : {};
    for (const [key, field] of Object.entries(value)) fields[key] = encode(field);
    return fields;
  };
  return { format: FORMAT, schema: encode(schema) };
}

/** The definition {@link snapshotSchema} recorded, as the parser's objects; undefined for a snapshot it cannot read. */
export function restoreSchema(snapshot: unknown): TemplateSchema | undefined {
  if (typeof snapshot !== "object" || snapshot === null || (snapshot as { format?: unknown }).format !== FORMAT) return undefined;
  // In place, as far as it goes: the parsed JSON is ours, and this runs before the first file is checked.
  const decode = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) if (typeof value[index] === "object") value[index] = decode(value[index]);
      return value;
    }
    const fields = value as Record<string, unknown>;
    const name = fields[CLASS_KEY];
    if (name === undefined) {
      for (const key in fields) if (typeof fields[key] === "object") fields[key] = decode(fields[key]);
      return fields;
    }
    const type = typeof name === "string" && Object.hasOwn(CLASSES, name) ? CLASSES[name] : undefined;
    if (type === undefined) throw new Error(`unknown class ${String(name)}`);
    const target = Object.create(type.prototype) as Record<string, unknown>;
    for (const key in fields) if (key !== CLASS_KEY) target[key] = typeof fields[key] === "object" ? decode(fields[key]) : fields[key];
    return target;
  };
  try {
    const schema = decode((snapshot as { schema?: unknown }).schema);
    return schema instanceof TemplateSchema ? schema : undefined;
  } catch {
    return undefined;
  }
}
