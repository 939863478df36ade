import type { Rendered } from "../expressions/_expression.js";

/**
 * A `${{ … }}` expression at a place where GitHub's workflow definition allows one. `Contexts` lists
 * what the definition allows there, exactly as it spells them: context names (`"github"`,
 * `"matrix"`, …) and functions with their arity (`"hashFiles(1,255)"`, `"always(0,0)"`).
 *
 * A typed expression (`matrix.os`, expr`…`, `always()`) is accepted only if every context and status
 * function it reads is one of them. A string is accepted as it is, and `gen` checks it with GitHub's parser.
 */
export type Expression<Contexts extends string = string> = string | Rendered<AllowedName<Contexts>>;

// "always(0,0)" → "always": the arity of a status function is checked where it is called.
type AllowedName<Contexts extends string> = Contexts extends `${infer Name}(${string})` ? Name : Contexts;
