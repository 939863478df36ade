// Marks the right code on the right line, for another reason than the compiler gives.
export const count: number = "one"; // error: TS2322 "is not assignable to type 'boolean'"
