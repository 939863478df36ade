import { execFile } from "node:child_process";

/** One page of a GitHub REST response. */
export interface RestPage {
  status: number;
  body: string;
  /** The path of the next page (from the `Link` header), when there is one. */
  next?: string;
}

/** How REST requests reach GitHub: `gh api`, a token over HTTPS, or recorded responses in tests. */
export interface Transport {
  /** GETs one API path (`/repos/OWNER/REPO/actions/runs?per_page=100`). */
  get(path: string): Promise<RestPage>;
  /** What to tell the user when a request is refused (401/403/404). */
  readonly signInHint: string;
}

const API = "https://api.github.com";
// Bounds every request: a stalled connection must not hang a scheduled workflow until its timeout.
const REQUEST_TIMEOUT_MS = 60_000;

/** The path of the `rel="next"` page of a `Link` header (RFC 8288), relative to the API. */
export function nextPageOf(link: string | undefined | null): string | undefined {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1]!.startsWith(API) ? match[1]!.slice(API.length) : match[1]!;
  }
  return undefined;
}

/** Requests with a token (`GITHUB_TOKEN`), over HTTPS with Node's `fetch`. */
export function tokenTransport(token: string): Transport {
  return {
    signInHint: "GITHUB_TOKEN must be allowed to read Actions (actions: read) on this repository",
    async get(path) {
      const response = await fetch(`${API}${path}`, {
        headers: { accept: "application/vnd.github+json", authorization: `Bearer ${token}`, "x-github-api-version": "2022-11-28", "user-agent": "trunkline" },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const next = nextPageOf(response.headers.get("link"));
      return { status: response.status, body: await response.text(), ...(next ? { next } : {}) };
    },
  };
}

/** A page from what `gh api --include` prints: the status line, headers, a blank line, the body. */
export function parseIncluded(output: string): RestPage | undefined {
  const split = /\r?\n\r?\n/.exec(output);
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(output)?.[1]);
  if (!split || Number.isNaN(status)) return undefined;
  const next = nextPageOf(/^link:\s*(.*)$/im.exec(output.slice(0, split.index))?.[1]);
  return { status, body: output.slice(split.index + split[0].length), ...(next ? { next } : {}) };
}

/** Requests through `gh api`, signed in as the user of the GitHub CLI. */
export function ghTransport(): Transport {
  return {
    signInHint: 'install the GitHub CLI and sign in with "gh auth login", or set GITHUB_TOKEN',
    get(path) {
      return new Promise((resolve, reject) => {
        // --include: the status line and headers come first, then the body; gh exits 1 on 4xx but still prints them.
        execFile("gh", ["api", "--include", path], { timeout: REQUEST_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
          const page = parseIncluded(stdout);
          if (page) resolve(page);
          else reject(error?.code === "ENOENT" ? new Error("gh (the GitHub CLI) is not installed") : (error ?? new Error(`gh api ${path} printed no HTTP response`)));
        });
      });
    },
  };
}
