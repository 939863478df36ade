import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "threads",
    globalSetup: ["test/global-setup.ts"],
    // GitHub's parser imports its JSON schema without an import attribute, which Node's own
    // loader rejects; letting vite transform it (as the CLI bundle does) loads it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
