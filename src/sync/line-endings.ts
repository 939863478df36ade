/**
 * A text with every CRLF turned into LF: what trunkline compares and hashes, so a file that git
 * checked out with CRLF (`core.autocrlf=true`) is neither a hand edit nor out of date.
 */
export function withLf(text: string): string {
  return text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
}
