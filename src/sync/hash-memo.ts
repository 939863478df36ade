import { sha256 } from "./manifest.js";

/**
 * sha256 remembered for a long-running caller (the watch), by the text hashed and a short prefix:
 * an output that did not change is the very same string pass after pass, so finding its hash again
 * costs a lookup, not a hash. What neither of the last two rounds used is forgotten.
 */
export class HashMemo {
  private current = new Map<string, Map<string, string>>();
  private previous = new Map<string, Map<string, string>>();

  /** `hash` is what is remembered: {@link sha256} unless a caller counts the hashes. */
  constructor(private readonly hash: (text: string) => string = sha256) {}

  /** Starts a round (a pass of the watch). */
  nextRound(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** sha256 of `prefix + text`, in hex, as {@link sha256} gives it. */
  of(text: string, prefix = ""): string {
    let byText = this.current.get(prefix);
    if (!byText) this.current.set(prefix, (byText = new Map()));
    let hash = byText.get(text) ?? this.previous.get(prefix)?.get(text);
    if (hash === undefined) hash = this.hash(prefix + text);
    byText.set(text, hash);
    return hash;
  }
}
