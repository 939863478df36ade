// Marks an error the compiler does not report: the harness must see it as missing.
export const count: number = 1; // error: TS2322
