// GitHub's REST API: the repository's tags (each with the commit it points at, annotated tags
// already peeled), its releases, then the metadata file at a commit through the contents API.
// https://docs.github.com/rest/repos/repos#list-repository-tags
// https://docs.github.com/rest/releases/releases#list-releases
// https://docs.github.com/rest/releases/releases#get-the-latest-release
// https://docs.github.com/rest/repos/contents#get-repository-content
import type { MetadataFile } from "../metadata.js";
import type { GithubRelease } from "../release-versions.js";
import { type MetadataSource, SourceUnavailable } from "./metadata-source.js";

/** The `fetch` this source calls: the global one, or a recording in tests. */
export type Fetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

/** Options for {@link githubSource}. */
export interface GithubSourceOptions {
  fetch: Fetch;
  /** A token raises the rate limit and reaches private repositories; asked for once, on the first request. */
  token?: () => Promise<string | undefined>;
  /** Per request, in milliseconds: a hung network never hangs the command. */
  timeoutMs?: number;
  /** `https://api.github.com`, or a GitHub Enterprise Server's `/api/v3`. */
  apiUrl?: string;
}

// Tags are listed 100 a page; a repository with thousands of tags is read up to this many pages.
const MAX_TAG_PAGES = 5;
// Releases are listed newest first, 100 a page; past these pages only the latest release is added.
const MAX_RELEASE_PAGES = 3;

/** Tags and metadata from GitHub's REST API. */
export function githubSource(options: GithubSourceOptions): MetadataSource {
  const api = options.apiUrl ?? "https://api.github.com";
  let token: Promise<string | undefined> | undefined;
  const get = async (url: string): Promise<Response> => {
    const headers: Record<string, string> = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
    token ??= options.token?.() ?? Promise.resolve(undefined);
    const value = await token;
    if (value) headers.authorization = `Bearer ${value}`;
    try {
      return await options.fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    } catch (error) {
      throw new SourceUnavailable(`GET ${url} failed: ${(error as Error).message}`);
    }
  };
  const failure = (url: string, response: Response) =>
    new SourceUnavailable(`GET ${url} answered ${response.status}${response.status === 403 || response.status === 429 ? " (rate limited? set GITHUB_TOKEN or run gh auth login)" : ""}`);
  return {
    label: "GitHub",
    async tags(owner, repo) {
      const tags: Record<string, string> = {};
      for (let page = 1; page <= MAX_TAG_PAGES; page++) {
        const url = `${api}/repos/${owner}/${repo}/tags?per_page=100&page=${page}`;
        const response = await get(url);
        if (response.status === 404) return undefined;
        if (!response.ok) throw failure(url, response);
        const listed = (await response.json()) as { name: string; commit: { sha: string } }[];
        for (const tag of listed) tags[tag.name] = tag.commit.sha;
        if (listed.length < 100) break;
      }
      return tags;
    },
    async releases(owner, repo) {
      const releases: GithubRelease[] = [];
      for (let page = 1; page <= MAX_RELEASE_PAGES; page++) {
        const url = `${api}/repos/${owner}/${repo}/releases?per_page=100&page=${page}`;
        const response = await get(url);
        if (response.status === 404) return undefined;
        if (!response.ok) throw failure(url, response);
        const listed = (await response.json()) as GithubRelease[];
        releases.push(...listed);
        if (listed.length < 100) return releases;
      }
      // more releases than were read: make sure the one GitHub marks latest is among them
      const url = `${api}/repos/${owner}/${repo}/releases/latest`;
      const response = await get(url);
      if (response.ok) {
        const latest = (await response.json()) as GithubRelease;
        if (!releases.some((release) => release.tag_name === latest.tag_name)) releases.push(latest);
      } else if (response.status !== 404) throw failure(url, response);
      return releases;
    },
    async metadata(action, sha): Promise<MetadataFile | undefined> {
      for (const file of ["action.yml", "action.yaml"] as const) {
        const filePath = [action.path, file].filter(Boolean).join("/");
        const url = `${api}/repos/${action.owner}/${action.repo}/contents/${filePath}?ref=${sha}`;
        const response = await get(url);
        if (response.status === 404) continue;
        if (!response.ok) throw failure(url, response);
        const body = (await response.json()) as { type?: string; encoding?: string; content?: string };
        if (body.type !== "file" || body.encoding !== "base64" || body.content === undefined) continue;
        return { file, text: Buffer.from(body.content, "base64").toString("utf8") };
      }
      return undefined;
    },
  };
}
