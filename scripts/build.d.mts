/** Builds dist/cli.js and dist/index.js. */
export function build(): Promise<void>;
