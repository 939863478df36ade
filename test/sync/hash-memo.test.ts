import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HashMemo } from "../../src/sync/hash-memo.js";
import { sha256 } from "../../src/sync/manifest.js";

const hex = (text: string) => createHash("sha256").update(text).digest("hex");

describe("HashMemo", () => {
  it("issue 13.3: gives sha256(prefix + text), hashes a text again only when neither of the last two rounds used it", () => {
    // counts the hashes computed, to see which lookups were remembered
    const computed = { count: 0 };
    const memo = new HashMemo((input) => (computed.count++, sha256(input)));
    const text = "name: ci\non: push\n".repeat(50);
    expect(memo.of(text, "a.yml\0")).toBe(hex(`a.yml\0${text}`));
    expect(memo.of(text)).toBe(hex(text));
    expect(computed.count).toBe(2);
    // the same round, then the next: remembered
    expect(memo.of(text, "a.yml\0")).toBe(hex(`a.yml\0${text}`));
    memo.nextRound();
    expect(memo.of(text, "a.yml\0")).toBe(hex(`a.yml\0${text}`));
    expect(computed.count).toBe(2);
    // another prefix is another hash
    expect(memo.of(text, "b.yml\0")).toBe(hex(`b.yml\0${text}`));
    expect(computed.count).toBe(3);
    // unused for two rounds: forgotten, hashed again
    memo.nextRound();
    memo.nextRound();
    expect(memo.of(text)).toBe(hex(text));
    expect(computed.count).toBe(4);
  });
});

describe("sha256", () => {
  it("issue 12/13 (speed): Node's one-shot hash gives the digest a Hash object gives, for ASCII, UTF-8 beyond it, lone surrogates and the empty text", () => {
    for (const text of ["", "name: ci\n", "é → ✓ 𝔸 日本", "\uD800 alone", "x".repeat(100_000)]) expect(sha256(text), JSON.stringify(text.slice(0, 20))).toBe(hex(text));
  });
});
