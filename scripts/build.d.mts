/** Builds dist/cli.js, dist/index.js and dist/templates.js. */
export function build(): Promise<void>;
