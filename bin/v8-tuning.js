// A one-shot command runs each function a few thousand times at most, then exits: much of its time
// goes to V8 compiling the hot ones with its optimizing compiler, whose thread competes with the
// work itself on a 2-core machine. A smaller inlining budget makes those compiles smaller and
// sooner done (cold lint of 1,500 workflows and cold gen of 200 sources: about 0.88x the CPU,
// paired). A process that stays (--watch, the background server) keeps V8's defaults: its steady
// state matters more than its warm-up.
//
// A gen or check goes further and starts without the optimizing compiler at all: it writes YAML
// and never parses it (GitHub's parser reads the emitted value, src/validate/model-reader.ts), so
// no loop of it runs long enough to repay an optimizing compile. Cold gen of 200 sources: 0.88x the
// wall time, 0.82x the CPU; of 400: 0.95x. A run with many sources to compile turns it back on
// (src/io/optimizing-compiler.ts): of 1,000, it would take 1.08x without. Lint parses every file
// it reads, and needs it from a few hundred files on (500: 1.33x without).

/** The V8 flags for a CLI process started with `argv` (its arguments) and `env`. */
export function v8FlagsFor(argv, env) {
  const staysRunning = argv.some((argument) => argument === "--watch" || argument.startsWith("--watch=")) || env.TRUNKLINE_DAEMON === "serve";
  if (staysRunning) return [];
  const writesWithoutParsing = argv[0] === "gen" || argv[0] === "check";
  return ["--max-inlined-bytecode-size-cumulative=100", ...(writesWithoutParsing ? ["--no-turbofan"] : [])];
}
