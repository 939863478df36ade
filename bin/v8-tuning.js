// A one-shot command runs each function a few thousand times at most, then exits: much of its time
// goes to V8 compiling the hot ones with its optimizing compiler, whose thread competes with the
// work itself on a 2-core machine. A smaller inlining budget makes those compiles smaller and
// sooner done (cold lint of 1,500 workflows and cold gen of 200 sources: about 0.88x the CPU,
// paired). A process that stays (--watch, the background server) keeps V8's defaults: its steady
// state matters more than its warm-up. A one-shot gen or check may also do without the optimizing
// compiler for a while (src/io/optimizing-compiler.ts).

/** The V8 flags for a CLI process started with `argv` (its arguments) and `env`. */
export function v8FlagsFor(argv, env) {
  const staysRunning = argv.some((argument) => argument === "--watch" || argument.startsWith("--watch=")) || env.TRUNKLINE_DAEMON === "serve";
  return staysRunning ? [] : ["--max-inlined-bytecode-size-cumulative=100"];
}
