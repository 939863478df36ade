import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "threads",
    // Test files share each worker's module graph instead of importing the compiler, GitHub's parser
    // and the schema again per file: half the suite's time on 2 cores. Tests must not rely on a
    // fresh module state (none does: state lives in temp repositories and Io objects).
    isolate: false,
    // Both cores: many test files wait on the CLI processes they start, and vitest's default (one
    // worker fewer than cores) would run the suite in one thread on a 2-core machine. Tests must
    // not change files other test files use (trunkline's own dist/, for one).
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts"],
    // the CLI processes the tests start never leave a background server behind; its own tests opt in
    env: { TRUNKLINE_DAEMON: "0" },
    // GitHub's parser imports its JSON schema without an import attribute, which Node's own
    // loader rejects; letting vite transform it (as the CLI bundle does) loads it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
