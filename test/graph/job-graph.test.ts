import { describe, expect, it } from "vitest";
import { jobGraphMermaid } from "../../src/graph/job-graph.js";
import { ExitCode } from "../../src/cli/exit-code.js";
import { createTempRepo } from "../support/temp-repo.js";

/** The edges of a Mermaid flowchart, as label pairs. */
function edges(mermaid: string): [string, string][] {
  const labels = new Map([...mermaid.matchAll(/^ {2}(\w+)\["([^"]*)"\]/gm)].map((match) => [match[1]!, match[2]!]));
  return [...mermaid.matchAll(/^ {2}(\w+) --> (\w+)$/gm)].map((match) => [labels.get(match[1]!)!, labels.get(match[2]!)!]);
}

describe("jobGraphMermaid", () => {
  it("draws one node per job and one edge per needs", () => {
    const mermaid = jobGraphMermaid({ on: "push", jobs: { build: {}, test: { needs: "build" }, "deploy-prod": { name: 'Deploy "prod"', needs: ["build", "test"] } } });
    expect(mermaid.startsWith("flowchart LR\n")).toBe(true);
    expect(edges(mermaid)).toEqual([
      ["build", "test"],
      ["build", "Deploy #quot;prod#quot; (deploy-prod)"],
      ["test", "Deploy #quot;prod#quot; (deploy-prod)"],
    ]);
  });

  it("shows a needs that names no job as a missing node", () => {
    const mermaid = jobGraphMermaid({ jobs: { deploy: { needs: ["biuld"] } } });
    expect(edges(mermaid)).toEqual([["biuld: not a job", "deploy"]]);
    expect(mermaid).toContain(":::missing");
  });
});

describe("trunkline graph", () => {
  it("prints the graph of a file, and exits 2 or 3 on bad input", async () => {
    const repo = await createTempRepo({ ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: x }]\n  b:\n    needs: a\n    runs-on: x\n    steps: [{ run: x }]\n" });
    try {
      const result = await repo.run(["graph", ".github/workflows/ci.yml"]);
      expect(result.code).toBe(ExitCode.Ok);
      expect(edges(result.stdout)).toEqual([["a", "b"]]);
      expect((await repo.run(["graph", "missing.yml"])).code).toBe(ExitCode.SourceErrors);
      expect((await repo.run(["graph"])).code).toBe(ExitCode.Usage);
    } finally {
      await repo.dispose();
    }
  });
});
