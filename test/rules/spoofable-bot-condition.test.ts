import rule from "../../src/rules/spoofable-bot-condition.js";
import { testRule } from "./_test-rule.js";

const job = (condition: string, step = "      - run: echo hi\n") => `on: pull_request_target\njobs:\n  a:\n    if: ${condition}\n    runs-on: x\n    steps:\n${step}`;

testRule(rule, {
  valid: [
    { name: "issue 12.spoofable-bot-condition: the pull request's author", yaml: job("github.event.pull_request.user.login == 'dependabot[bot]'") },
    { name: "issue 12.spoofable-bot-condition: skipping the bot with !=", yaml: job("github.actor != 'dependabot[bot]'") },
    { name: "issue 12.spoofable-bot-condition: a human actor", yaml: job("github.actor == 'octocat'") },
    { name: "issue 12.spoofable-bot-condition: the numeric actor id", yaml: job("github.actor_id == 49699333") },
  ],
  invalid: [
    { name: "issue 12.spoofable-bot-condition: github.actor == dependabot", yaml: job("github.actor == 'dependabot[bot]'"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.spoofable-bot-condition: reversed, in ${{ }}, with other terms", yaml: job("${{ 'renovate[bot]' == github.triggering_actor && github.event_name == 'pull_request_target' }}"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.spoofable-bot-condition: a step's if", yaml: job("true", "      - if: github.actor == 'dependabot[bot]' || github.actor == 'github-actions[bot]'\n        run: echo hi\n"), errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 7, column: 13 }, { path: ["jobs", "a", "steps", 0, "if"], line: 7, column: 13 }] },
  ],
});
