// Bash quoting for commands trunkline writes into scripts and `run:` steps.

/** Single quotes keep every character literal; a single quote itself is closed, escaped, reopened. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The text as one bash word, quoted only when it needs it, so a command reads as a person types it. */
export function shellWord(text: string): string {
  return /^[\w.,=:/@+-]+$/.test(text) ? text : shellQuote(text);
}
