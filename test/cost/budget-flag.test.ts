import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { budgetFlag, parseBudgetFlag } from "../../src/cost/index.js";
import type { CostBudget } from "../../src/cost/index.js";

const limit = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const budgets: fc.Arbitrary<CostBudget> = fc
  .record(
    {
      workflow: fc.constantFrom("ci.yml", ".github/workflows/deploy.yml", "nightly.yaml"),
      occupancyHoursPerWeek: limit,
      queueP95Seconds: fc.integer({ min: 0, max: 86_400 }),
      cancelledShare: fc.double({ min: 0, max: 1, noNaN: true }),
    },
    { requiredKeys: [] },
  )
  .filter((budget) => budget.occupancyHoursPerWeek !== undefined || budget.queueP95Seconds !== undefined || budget.cancelledShare !== undefined);

describe("--budget flags", () => {
  it("issue 14.6: every budget written as a flag reads back as itself", () => {
    fc.assert(fc.property(budgets, (budget) => {
      expect(parseBudgetFlag(budgetFlag(budget))).toEqual({ budget });
    }), { numRuns: 500 });
  });

  it("issue 14.6: keys keep the config's order, so the YAML is stable", () => {
    expect(budgetFlag({ queueP95Seconds: 120, workflow: "ci.yml" })).toBe("workflow=ci.yml,queueP95Seconds=120");
  });
});
