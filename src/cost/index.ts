// The cost report: what CI runs cost in runner time and queue time, from GitHub's REST responses.
export { type BudgetCheck, type CostBudget, type CostConfig, BUDGET_KEYS, checkBudgets, costConfigProblems } from "./budgets.js";
export { budgetFlag, parseBudgetFlag } from "./budget-flag.js";
export { type CostInputs, type CostReport, computeCost, hasStarted, nearestRank, orphanJobs } from "./compute-cost.js";
export { type FetchResult, type JobsCache, type RecordedFile, fetchResponses } from "./fetch-responses.js";
export { COST_FORMATS, type CostFormat, describeExceeded, formatCost, formatDuration } from "./format-cost.js";
export { isRepoName, originRepo } from "./origin-repo.js";
export { jsonFilesUnder } from "./read-folder.js";
export { type ReadResponses, readResponses } from "./read-responses.js";
export type { JobRecord, RunRecord } from "./records.js";
export { type RunSelection, isWorkflow, parseSince, selectRuns } from "./select-runs.js";
export { supersededRunIds } from "./superseded.js";
export { type RestPage, type Transport, ghTransport, nextPageOf, parseIncluded, tokenTransport } from "./transport.js";
