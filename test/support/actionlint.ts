import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One file to lint: `path` is only a name for messages (nothing is read from disk). */
export interface ActionlintFile {
  path: string;
  text: string;
}

/** One actionlint finding; `kind` is actionlint's rule name ("expression", "runner-label", ...). */
export interface ActionlintFinding {
  path: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

/** Options for {@link actionlint}. */
export interface ActionlintOptions {
  /** Self-hosted runner labels to accept (actionlint.yaml cannot be passed to the WASM build). */
  allowRunnerLabels?: string[];
  /** Kill the linter and throw after this long. @default 60_000 */
  timeoutMs?: number;
}

const CHILD = fileURLToPath(new URL("./actionlint-child.cjs", import.meta.url));

// actionlint says: label "my-runner" is unknown. available labels are ...
const UNKNOWN_LABEL = /^label "([^"]+)" is unknown\./;

/**
 * Lints workflow files with actionlint (1.7.7, WASM) in a child process, default configuration, and
 * returns its findings; batch files into one call, since each call pays the WASM start-up.
 */
export async function actionlint(
  files: ActionlintFile[],
  options: ActionlintOptions = {},
): Promise<ActionlintFinding[]> {
  const findings = await runChild(files, options.timeoutMs ?? 60_000);
  const allowed = new Set(options.allowRunnerLabels ?? []);
  return findings.filter((finding) => {
    if (finding.kind !== "runner-label") return true;
    const label = UNKNOWN_LABEL.exec(finding.message)?.[1];
    return label === undefined || !allowed.has(label);
  });
}

function runChild(files: ActionlintFile[], timeoutMs: number): Promise<ActionlintFinding[]> {
  return new Promise((resolve, reject) => {
    // A child, not a worker: the WASM runtime hangs when it shares `fs` with the test runner.
    // --liftoff-only: skipping the optimizing WASM compiler cuts start-up from ~2 s to ~0.2 s.
    const child = spawn(process.execPath, ["--liftoff-only", CHILD], { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    let isSettled = false;
    const fail = (message: string) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      reject(new Error(message));
    };
    const timer = setTimeout(() => {
      fail(`actionlint did not finish within ${timeoutMs} ms on ${files.length} file(s); killed it`);
      child.kill("SIGKILL");
    }, timeoutMs);

    child.on("error", (error) => fail(`could not start the actionlint child (${CHILD}): ${error.message}`));
    child.on("close", (code, signal) => {
      const errorText = Buffer.concat(stderr).toString("utf8").trim();
      if (code !== 0) return fail(`actionlint child exited with ${code ?? signal}: ${errorText || "no output"}`);
      let findings: ActionlintFinding[];
      try {
        findings = JSON.parse(Buffer.concat(stdout).toString("utf8")) as ActionlintFinding[];
      } catch {
        return fail(`actionlint child wrote no valid JSON; stderr: ${errorText || "empty"}`);
      }
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      resolve(findings);
    });

    // A child that dies early closes stdin; the close handler reports that, not EPIPE.
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(files));
  });
}
