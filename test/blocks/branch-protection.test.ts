import { describe, expect, it } from "vitest";
import { protectedBranch } from "../../src/blocks/branch-protection.js";
import { job } from "../../src/dsl/workflow.js";

const gate = job({ "runs-on": "ubuntu-latest", steps: [{ run: "true" }] });
const rule = (type: string, rules: readonly { type: string; parameters?: unknown }[]) => rules.find((entry) => entry.type === type);

describe("protectedBranch", () => {
  it("protects the trunk as seed 002 asks: reviews by code owners, conversations resolved, the gate, linear history", () => {
    const main = protectedBranch({ branch: "main", requiredChecks: [gate] });
    expect(main.name).toBe("main");
    expect(main.spec.conditions?.ref_name?.include).toEqual(["refs/heads/main"]);
    expect(rule("pull_request", main.spec.rules ?? [])?.parameters).toMatchObject({ required_approving_review_count: 1, require_code_owner_review: true, required_review_thread_resolution: true, allowed_merge_methods: ["squash", "rebase"] });
    expect(rule("required_status_checks", main.spec.rules ?? [])?.parameters).toEqual({ required_status_checks: [gate] });
    expect((main.spec.rules ?? []).map((entry) => entry.type)).toEqual(expect.arrayContaining(["required_linear_history", "non_fast_forward", "deletion"]));
  });

  it("takes a deploy branch's choices (seed 000: squash only) and leaves out what it switches off", () => {
    const prod = protectedBranch({ branch: "prod", name: "ship", requiredChecks: [gate], codeOwners: false, resolveConversations: false, mergeMethods: ["squash"], approvals: 2 });
    expect(prod.name).toBe("ship");
    const review = rule("pull_request", prod.spec.rules ?? [])?.parameters as Record<string, unknown>;
    expect(review).toMatchObject({ required_approving_review_count: 2, allowed_merge_methods: ["squash"] });
    expect(review).not.toHaveProperty("require_code_owner_review");
    expect(review).not.toHaveProperty("required_review_thread_resolution");
  });
});
