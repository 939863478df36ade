// Small helpers for GitHub expressions, so blocks can combine conditions without string surgery.

/** A value wrapped in `${{ … }}`: GitHub evaluates it when the workflow runs. */
export type Expression = `\${{ ${string} }}`;

const WRAPPED = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

/** The body of an expression: `${{ a == b }}` → `a == b`; text without `${{ }}` is returned trimmed. */
export function unwrap(expression: string): string {
  return (WRAPPED.exec(expression)?.[1] ?? expression).trim();
}

/**
 * Joins `if:` conditions so that all must hold; `undefined` parts are ignored. Each part is put in
 * parentheses, because `a || b && c` does not mean `(a || b) && c`.
 * @example allOf("always()", "github.event_name == 'push'") // "always() && (github.event_name == 'push')"
 */
export function allOf(...conditions: readonly (string | undefined)[]): string | undefined {
  return join(conditions, "&&");
}

/** Joins `if:` conditions so that any may hold; `undefined` parts are ignored. */
export function anyOf(...conditions: readonly (string | undefined)[]): string | undefined {
  return join(conditions, "||");
}

function join(conditions: readonly (string | undefined)[], operator: "&&" | "||"): string | undefined {
  const bodies = conditions.filter((condition): condition is string => condition !== undefined && unwrap(condition) !== "").map(unwrap);
  if (bodies.length === 0) return undefined;
  if (bodies.length === 1) return bodies[0];
  // Status functions read best unparenthesised, and cannot be mistaken for a compound.
  return bodies.map((body) => (/^[a-z]+\(\)$/i.test(body) ? body : `(${body})`)).join(` ${operator} `);
}

/** Quotes a literal for use inside an expression: `it's` → `'it''s'`. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
