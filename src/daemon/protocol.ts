// What the client and the background server say to each other: one JSON document per line.

/** The call to run, as the client's process would have run it. */
export interface ServeRequest {
  /** The build of trunkline the client runs: a server of another build declines. */
  build: string;
  argv: string[];
  cwd: string;
  /** Whether the client's stdout, stderr and stdin are terminals (colour, progress). */
  terminal: { stdout: boolean; stderr: boolean; stdin: boolean };
}

/**
 * A question about the server itself, answered whatever build asks: its state (`status`, one `out`
 * line holding a {@link ServerStatus}, then `exit`), or to end once the call under way is done
 * (`stop`, then `exit`).
 */
export interface ControlRequest {
  control: "status" | "stop";
}

/** What a server says of itself. */
export interface ServerStatus {
  pid: number;
  /** The folder it serves, absolute. */
  cwd: string;
  /** When it started and when it last ran a call (its warm-up counts), as ISO dates. */
  started: string;
  lastCall: string;
  /** Calls it ran for clients. */
  calls: number;
  /** Whether a call is running or waiting. */
  busy: boolean;
  /** Its resident memory, in megabytes. */
  memoryMb: number;
}

/**
 * One line of the reply: stdout text (`out`), stderr text (`err`), a sign of life while the command
 * runs (`beat`), the exit code that ends the reply (`exit`), or a refusal to run it at all (`decline`,
 * then the client runs the command itself).
 */
export type ServeReply = { out: string } | { err: string } | { beat: true } | { exit: number } | { decline: string };

/** Milliseconds between signs of life while a command runs. */
export const HEARTBEAT_MS = 5_000;

/** Splits a stream of lines into JSON documents, handing each to `each`; the rest waits for more. */
export function lineReader<T>(each: (message: T) => void): (chunk: string) => void {
  let pending = "";
  return (chunk) => {
    pending += chunk;
    for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n")) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (line) each(JSON.parse(line) as T);
    }
  };
}
