/**
 * A cache of answers that depend on a text alone (an expression, a filter pattern, a `uses:`): the
 * same texts recur across jobs and files, so each is worked out once per process. Past `limit`
 * texts it forgets them all, so a long-running process keeps it small.
 */
export function textMemo<T>(limit: number): (key: string, compute: () => T) => T {
  const known = new Map<string, T>();
  return (key, compute) => {
    if (known.has(key)) return known.get(key) as T;
    if (known.size >= limit) known.clear();
    const value = compute();
    known.set(key, value);
    return value;
  };
}
