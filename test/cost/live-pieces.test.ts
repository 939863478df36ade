import { describe, expect, it } from "vitest";
import { nextPageOf, originRepo, parseIncluded, parseSince } from "../../src/cost/index.js";

describe("the live path's pure pieces", () => {
  it("issue 14.2: the next page comes from the Link header, as a path of the API", () => {
    const link = '<https://api.github.com/repositories/1/actions/runs?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/actions/runs?per_page=100&page=9>; rel="last"';
    expect(nextPageOf(link)).toBe("/repositories/1/actions/runs?per_page=100&page=2");
    expect(nextPageOf('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextPageOf(null)).toBeUndefined();
  });

  it("issue 14.2: what gh api --include prints is read as status, next page and body", () => {
    const printed = 'HTTP/2.0 200 OK\r\nContent-Type: application/json\r\nLink: <https://api.github.com/repos/o/r/actions/runs?page=2>; rel="next"\r\n\r\n{"total_count":0,"workflow_runs":[]}';
    expect(parseIncluded(printed)).toEqual({ status: 200, next: "/repos/o/r/actions/runs?page=2", body: '{"total_count":0,"workflow_runs":[]}' });
    expect(parseIncluded('HTTP/2.0 404 Not Found\nX: y\n\n{"message":"Not Found"}')).toEqual({ status: 404, body: '{"message":"Not Found"}' });
    expect(parseIncluded("")).toBeUndefined();
  });

  it("issue 14.1: the repository defaults to the clone's GitHub origin", () => {
    const config = (url: string) => `[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/up/stream.git\n[remote "origin"]\n\turl = ${url}\n`;
    expect(originRepo(config("https://github.com/octo-org/web.git"))).toBe("octo-org/web");
    expect(originRepo(config("git@github.com:octo-org/web.git"))).toBe("octo-org/web");
    expect(originRepo(config("ssh://git@github.com/octo-org/web"))).toBe("octo-org/web");
    expect(originRepo(config("https://gitlab.com/octo-org/web.git"))).toBeUndefined();
  });

  it("issue 14.1: --since takes a span back from now or a date", () => {
    const now = Date.parse("2026-01-08T12:00:00Z");
    expect(parseSince("7d", now)).toBe(Date.parse("2026-01-01T12:00:00Z"));
    expect(parseSince("36h", now)).toBe(Date.parse("2026-01-07T00:00:00Z"));
    expect(parseSince("2026-01-05", now)).toBe(Date.parse("2026-01-05T00:00:00Z"));
    expect(parseSince("2026-01-05T10:00:00+02:00", now)).toBe(Date.parse("2026-01-05T08:00:00Z"));
    // a time without its zone is as ambiguous here as in a response
    expect(parseSince("2026-01-05T10:00:00", now)).toHaveProperty("problem");
    expect(parseSince("yesterday", now)).toHaveProperty("problem");
  });
});
