// Holds an error nobody marked: the harness must see it as new.
export const count: number = "one";
