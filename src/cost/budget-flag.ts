import { BUDGET_KEYS, type CostBudget, costConfigProblems } from "./budgets.js";

// `--budget workflow=ci.yml,queueP95Seconds=120`: one budget per flag, the keys of the config's
// budgets, so a scheduled workflow can carry its limits in its own YAML where reviewers see them.

/** The text of a `--budget` flag that {@link parseBudgetFlag} reads back as `budget`. */
export function budgetFlag(budget: CostBudget): string {
  return BUDGET_KEYS.filter((key) => budget[key] !== undefined).map((key) => `${key}=${budget[key]}`).join(",");
}

/**
 * Reads one `--budget` flag: comma-separated `key=value` pairs, keys as in `cost.budgets` of the
 * config. Returns the budget, or what is wrong with the text.
 * @example parseBudgetFlag("workflow=ci.yml,queueP95Seconds=120") // { budget: { workflow: "ci.yml", queueP95Seconds: 120 } }
 */
export function parseBudgetFlag(text: string): { budget: CostBudget } | { problem: string } {
  const budget: Record<string, string | number> = {};
  for (const pair of text.split(",")) {
    const [key, value, ...extra] = pair.split("=").map((part) => part.trim());
    if (!(BUDGET_KEYS as readonly string[]).includes(key!) || value === undefined || value === "" || extra.length > 0) {
      return { problem: `--budget ${text}: "${pair}" is not one of ${BUDGET_KEYS.map((name) => `${name}=…`).join(", ")}, e.g. --budget workflow=ci.yml,queueP95Seconds=120` };
    }
    if (key! in budget) return { problem: `--budget ${text}: ${key} is given twice` };
    budget[key!] = key === "workflow" ? value : Number(value);
  }
  const problems = costConfigProblems({ budgets: [budget] });
  if (problems.length) return { problem: `--budget ${text}: ${problems.map((message) => message.replace(/^cost\.budgets\[0\]\.?/, "").trim()).join("; ")}` };
  return { budget: budget as CostBudget };
}
