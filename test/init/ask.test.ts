import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createAsker } from "../../src/init/ask.js";

// An asker over an injected input: what a user types, line by line, and then (maybe) the end.
function askerWith(typed: string, end = true) {
  const input = new PassThrough();
  let output = "";
  const asker = createAsker(input, (text) => void (output += text));
  input.write(typed);
  if (end) input.end();
  return { asker, input, output: () => output };
}

const MANAGER = { text: "Package manager?", default: "npm", choices: ["npm", "pnpm", "yarn"] } as const;

describe("init's questions", () => {
  it("issue 13.1: an answer is taken as typed, a unique beginning picks its choice, an empty line the default", async () => {
    const { asker, output } = askerWith("yarn\np\n\n");
    expect(await asker.ask(MANAGER)).toBe("yarn");
    expect(await asker.ask(MANAGER)).toBe("pnpm");
    expect(await asker.ask({ text: "Branch?", default: "trunk" })).toBe("trunk");
    expect(output()).toContain("Package manager? (npm/pnpm/yarn) [npm]: ");
    asker.close();
  });

  it("issue 13.1: at the end of the input (EOF, Ctrl-D) this and every later question take their default", async () => {
    const { asker } = askerWith("");
    expect(await asker.ask(MANAGER)).toBe("npm");
    expect(await asker.ask({ text: "Branch?", default: "main" })).toBe("main");
    asker.close();
  });

  it("issue 13.1: a wrong answer is asked again, three times at most, then the default is taken", async () => {
    const { asker, output } = askerWith("bun\nbun\nbun\nyarn\n");
    expect(await asker.ask(MANAGER)).toBe("npm");
    expect(output().match(/answer one of npm, pnpm, yarn/g)).toHaveLength(3);
    expect(output()).toContain("taking the default, npm");
    // the line after belongs to the next question
    expect(await asker.ask(MANAGER)).toBe("yarn");
    asker.close();
  });

  it("issue 13.1: a free answer is checked, and asked again when the check refuses it", async () => {
    const { asker, output } = askerWith("not a branch\nrelease/1.x\n");
    expect(await asker.ask({ text: "Branch?", default: "main", check: (answer) => (/\s/.test(answer) ? "no spaces" : undefined) })).toBe("release/1.x");
    expect(output()).toContain("  no spaces\n");
    asker.close();
  });

  it("issue 13.1: it waits for the line when it comes later", async () => {
    const { asker, input } = askerWith("", false);
    const answer = asker.ask({ text: "Branch?", default: "main" });
    setTimeout(() => input.write("develop\n"), 20);
    expect(await answer).toBe("develop");
    asker.close();
  });
});
