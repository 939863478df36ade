/** A JSON value: the only kind of value a normalized workflow holds. */
export type Json = string | number | boolean | null | Json[] | JsonObject;

/** A JSON object with string keys. */
export interface JsonObject {
  [key: string]: Json;
}

/** Whether a value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
