import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commentKey, readWorkflowYaml } from "../../src/importer/read-workflow-yaml.js";

function read(text: string) {
  const { workflow, problems } = readWorkflowYaml(text);
  expect(problems).toEqual([]);
  return workflow!;
}

function commentsAt(text: string, path: (string | number)[]) {
  return read(text).comments.get(commentKey(path));
}

describe("readWorkflowYaml: the value", () => {
  it("is what a YAML parser reads, with anchors, aliases and merge keys expanded", () => {
    const text = "x: &base {a: 1, b: '2'}\ny:\n  <<: *base\n  b: three\nz: [*base, 0o17, '010', ~]\n";
    expect(read(text).value).toEqual(parse(text, { merge: true }));
    expect(read(text).value).toEqual({ x: { a: 1, b: "2" }, y: { a: 1, b: "three" }, z: [{ a: 1, b: "2" }, 15, "010", null] });
  });

  it("reports YAML errors at their line, and a document that is not a mapping", () => {
    expect(readWorkflowYaml("on: push\njobs: [\n").problems[0]).toMatchObject({ line: expect.any(Number) });
    expect(readWorkflowYaml("- a\n- b\n").problems).toEqual([{ message: "the file is not a YAML mapping, so it is not a workflow" }]);
    expect(readWorkflowYaml("a: 1\na: 2\n").problems[0]!.message).toMatch(/unique/);
  });
});

describe("readWorkflowYaml: comments", () => {
  const workflow = `# The file's own comment.

name: CI # the name
on:
  push: # pushes
    branches: [main] # only main
  # pull requests too
  pull_request:
jobs:
  # the build
  build:
    runs-on: ubuntu-latest
    steps:
      # check out first
      - uses: actions/checkout@v4 # by tag
      - run: |
          echo "# not a comment"
        env:
          A: "x # y" # quoted
    # end of the build job
  test:
    runs-on: x
# the end
`;

  it("puts the leading comments on the file", () => {
    expect(commentsAt(workflow, [])?.before).toEqual([" The file's own comment."]);
  });

  it("attaches a comment at the end of a line to the deepest entry on that line", () => {
    expect(commentsAt(workflow, ["name"])?.trailing).toBe(" the name");
    expect(commentsAt(workflow, ["on", "push"])?.trailing).toBe(" pushes");
    expect(commentsAt(workflow, ["on", "push", "branches"])?.trailing).toBe(" only main");
    expect(commentsAt(workflow, ["jobs", "build", "steps", 0, "uses"])?.trailing).toBe(" by tag");
    expect(commentsAt(workflow, ["jobs", "build", "steps", 1, "env", "A"])?.trailing).toBe(" quoted");
  });

  it("attaches full-line comments to the entry or list item below them", () => {
    expect(commentsAt(workflow, ["on", "pull_request"])?.before).toEqual([" pull requests too"]);
    expect(commentsAt(workflow, ["jobs", "build"])?.before).toEqual([" the build"]);
    expect(commentsAt(workflow, ["jobs", "build", "steps", 0])?.before).toEqual([" check out first"]);
  });

  it("keeps a comment indented into a block at the end of that block", () => {
    expect(commentsAt(workflow, ["jobs", "build"])?.end).toEqual([" end of the build job"]);
    expect(read(workflow).trailingFileComments).toEqual([" the end"]);
  });

  it("never takes a # inside a string or a block scalar for a comment", () => {
    const all = [...read(workflow).comments.values()].flatMap((place) => [...place.before, ...place.end, place.trailing ?? ""]);
    expect(all.some((comment) => comment.includes("not a comment") || comment.includes(" y"))).toBe(false);
  });

  it("finds a comment on a block scalar's header line", () => {
    expect(commentsAt("a:\n  run: | # the script\n    make\n", ["a", "run"])?.trailing).toBe(" the script");
  });
});
