import { createInterface } from "node:readline";

/** One question of `trunkline init`, and the answer it takes when none is given. */
export interface Question {
  /** What is asked, without the default (added as ` [default]`). */
  text: string;
  default: string;
  /** The answers accepted (case-insensitive); any non-empty one when absent. */
  choices?: readonly string[];
  /** Whether a free answer is acceptable; a reason it is not, to ask again. */
  check?: (answer: string) => string | undefined;
}

/** Asks questions one by one; every answer is bounded: the default on an empty line or at the end of the input. */
export interface Asker {
  ask(question: Question): Promise<string>;
  close(): void;
}

/** An asker that never asks: every answer is the default (`--yes`, or no terminal to ask on). */
export const DEFAULTS: Asker = { ask: async (question) => question.default, close() {} };

// A wrong answer is asked again this many times, then the default is taken: a script piping
// garbage in must not loop forever.
const ATTEMPTS = 3;

/**
 * Questions written with `write`, answers from `input`, one line each. Once the input ends (EOF,
 * Ctrl-D) this and every later question takes its default.
 */
export function createAsker(input: NodeJS.ReadableStream, write: (text: string) => void): Asker {
  const output = { write };
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const reader = createInterface({ input, terminal: false });
  reader.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  reader.on("close", () => {
    ended = true;
    for (const next of waiting.splice(0)) next(undefined);
  });
  const nextLine = () => new Promise<string | undefined>((resolve) => (lines.length ? resolve(lines.shift()) : ended ? resolve(undefined) : waiting.push(resolve)));
  return {
    async ask(question) {
      const choices = question.choices ? ` (${question.choices.join("/")})` : "";
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        output.write(`${question.text}${choices} [${question.default}]: `);
        const line = await nextLine();
        if (line === undefined) {
          output.write(`${question.default}\n`);
          return question.default;
        }
        const answer = line.trim();
        if (answer === "") return question.default;
        const chosen = question.choices ? choiceOf(question.choices, answer) : answer;
        const problem = chosen === undefined ? `answer one of ${question.choices!.join(", ")}` : question.check?.(chosen);
        if (chosen !== undefined && problem === undefined) return chosen;
        output.write(`  ${problem}\n`);
      }
      output.write(`  taking the default, ${question.default}\n`);
      return question.default;
    },
    close() {
      reader.close();
    },
  };
}

// The choice typed in full, else the one choice it begins (y → yes, p → pnpm); case does not matter.
function choiceOf(choices: readonly string[], answer: string): string | undefined {
  const typed = answer.toLowerCase();
  const exact = choices.find((choice) => choice.toLowerCase() === typed);
  if (exact !== undefined) return exact;
  const begun = choices.filter((choice) => choice.toLowerCase().startsWith(typed));
  return begun.length === 1 ? begun[0] : undefined;
}
