// An action whose inputs `path` and `key` are required: leaving one out, or `with` altogether, is a type error.
import { actionsCache } from "./bindings/actions-cache.js";

export const withoutKey = actionsCache({
  with: { path: "node_modules" }, // error: TS2741 "Property 'key' is missing"
});

export const withoutWith = actionsCache({ name: "Cache" }); // error: TS2345 "Property 'with' is missing"
