import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Code, constantName, numberLiteral, printCode, propertyKey, stringLiteral } from "../../src/importer/print-ts.js";

// Evaluates a printed expression the way the generated source will be evaluated.
const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();

describe("stringLiteral", () => {
  it("evaluates back to exactly the original text, whatever it holds", () => {
    const scriptish = fc.stringMatching(/^[ -~\n\t\\`$"'{}]{0,40}$/);
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary" }), scriptish), (text) => evaluate(stringLiteral(text)) === text), { numRuns: 2000 });
  });

  it("writes a multi-line script as a template literal whose lines are the script's", () => {
    const literal = stringLiteral('npm ci\necho "${{ github.ref }}" `date`\n');
    expect(literal).toBe('`npm ci\necho "\\${{ github.ref }}" \\`date\\`\n`');
  });

  it("keeps shell line continuations as written when nothing needs escaping", () => {
    expect(stringLiteral("docker build . \\\n  --tag app\n")).toBe("String.raw`docker build . \\\n  --tag app\n`");
  });

  it("keeps one-line text, and a single line with its newline, in double quotes", () => {
    expect(stringLiteral("echo ${{ matrix.os }}")).toBe('"echo ${{ matrix.os }}"');
    expect(stringLiteral("echo hi\n")).toBe('"echo hi\\n"');
  });

  it("does not hide carriage returns in a template literal", () => {
    expect(stringLiteral("a\r\nb\r\nc")).toBe('"a\\r\\nb\\r\\nc"');
  });
});

describe("numberLiteral", () => {
  it.each([0, -0, 1.5, 1e21, -3, Number.MAX_SAFE_INTEGER, Infinity, -Infinity])("%s survives", (value) => {
    expect(Object.is(evaluate(numberLiteral(value)), value)).toBe(true);
  });
});

describe("propertyKey", () => {
  it("leaves identifiers bare and quotes the rest", () => {
    expect(propertyKey("steps")).toBe("steps");
    expect(propertyKey("if")).toBe("if");
    expect(propertyKey("runs-on")).toBe('"runs-on"');
    expect(propertyKey("1")).toBe('"1"');
  });

  it("writes __proto__ as a computed key, so it is a property and not the prototype", () => {
    const object = evaluate(`{ ${propertyKey("__proto__")}: 1 }`) as object;
    expect(Object.keys(object)).toEqual(["__proto__"]);
  });
});

describe("constantName", () => {
  it("keeps usable ids and camel-cases the others", () => {
    const used = new Set<string>();
    expect(constantName("build", used)).toBe("build");
    expect(constantName("build-and-test", used)).toBe("buildAndTest");
    expect(constantName("test_linux", used)).toBe("test_linux");
    expect(constantName("2fa", used)).toBe("job2fa");
  });

  it("avoids reserved words, the DSL's own names and names already taken", () => {
    const used = new Set<string>();
    expect(["delete", "job", "step", "String"].map((id) => constantName(id, used))).toEqual(["deleteJob", "jobJob", "stepJob", "StringJob"]);
    expect([constantName("a-b", used), constantName("a_b-", used), constantName("aB", used)]).toEqual(["aB", "a_b", "aB2"]);
  });
});

describe("printCode", () => {
  const entry = (key: string, value: Code, extra: { before?: string[]; trailing?: string } = {}) => ({ key, value, before: extra.before ?? [], trailing: extra.trailing });
  const text = (value: string): Code => ({ kind: "text", text: value });

  it("keeps a short object on one line and breaks a commented one", () => {
    expect(printCode({ kind: "object", entries: [entry("a", text("1"))], end: [] })).toBe("{ a: 1 }");
    expect(printCode({ kind: "object", entries: [entry("a", text("1"), { before: [" why"], trailing: " note" })], end: [" last"] })).toBe("{\n  // why\n  a: 1, // note\n  // last\n}");
  });

  it("never puts a trailing comment inside a template literal", () => {
    const printed = printCode({ kind: "object", entries: [entry("run", text("`a\nb`"), { trailing: " the script" })], end: [] });
    expect(printed).toBe("{\n  // the script\n  run: `a\nb`,\n}");
  });
});
