/**
 * A `${{ … }}` expression, written as a string, at a place where GitHub's workflow definition allows
 * one. `Contexts` lists what the definition allows there, exactly as it spells them: context names
 * (`"github"`, `"matrix"`, …) and functions with their arity (`"hashFiles(1,255)"`, `"always(0,0)"`).
 *
 * NOTE: any string is accepted for now, and `gen` checks the expression with GitHub's parser; the
 * parameter keeps, at every key of the generated types, which contexts a typed expression may use there.
 */
export type Expression<Contexts extends string = string> = string;
