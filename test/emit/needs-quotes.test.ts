import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitYamlBody } from "../../src/emit/emit-yaml.js";

// Made of the characters numbers, booleans, nulls, dates and merge keys are written with.
const lookalike = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."yYnNtTfFoOuUlLsSrReEaAxXbB~+-._:<=0123456789 InfNa"), maxLength: 8 }),
  fc.constantFrom("yes", "No", "ON", "off", "null", "~", "0o17", "0x1F", "-0b101", "1_000", "e5", "+.5", ".inf", "-.Inf", ".NaN", "12:30", "2026-11-21", "2026-11-21 10:00:00", "<<", "="),
);

describe("plain scalars", () => {
  it("issue 13.3: text written plain reads back as the same string in YAML 1.1 and 1.2", () => {
    fc.assert(
      fc.property(lookalike, (text) => {
        const written = emitYamlBody({ v: text });
        fc.pre(written === `v: ${text}\n`);
        for (const version of ["1.1", "1.2"] as const) expect(parse(written, { version }), `${version}: ${text}`).toEqual({ v: text });
      }),
      { numRuns: 5000 },
    );
  });
});
