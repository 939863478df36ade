import { defineRule } from "./_define-rule.js";
import { type Token, tokenize } from "./_expressions.js";

// `github.<property>` values that name whoever caused the run, not who wrote the change.
const ACTOR_PROPERTIES = new Set(["actor", "triggering_actor"]);

export default defineRule({
  id: "spoofable-bot-condition",
  severity: "warning",
  summary: "A condition trusts a bot by `github.actor == 'dependabot[bot]'`, which names who caused the run, not who wrote the change.",
  docs: {
    why: `\`github.actor\` is the account whose action started the run, not the author of the pull request or
commit. Anyone can make a bot act on their pull request — ask Dependabot to rebase it
(\`@dependabot rebase\`), push a branch Dependabot then updates — and the run then has
\`github.actor == 'dependabot[bot]'\` while the code is theirs. A condition that auto-approves,
auto-merges or hands out secrets on that test is then open to them.
See [automating Dependabot with GitHub Actions](https://docs.github.com/code-security/tutorials/secure-your-dependencies/automating-dependabot-with-github-actions),
whose examples test \`github.event.pull_request.user.login\`.`,
    invalid: `on: pull_request
permissions:
  contents: write
  pull-requests: write
jobs:
  automerge:
    if: github.actor == 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: gh pr merge --auto --squash "$PR"
        env:
          PR: \${{ github.event.pull_request.html_url }}
          GH_TOKEN: \${{ github.token }}
`,
    valid: `on: pull_request
permissions:
  contents: write
  pull-requests: write
jobs:
  automerge:
    if: github.event.pull_request.user.login == 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: gh pr merge --auto --squash "$PR"
        env:
          PR: \${{ github.event.pull_request.html_url }}
          GH_TOKEN: \${{ github.token }}
`,
    fix: "Test who wrote the change: `github.event.pull_request.user.login == 'dependabot[bot]'` on pull-request events, or the numeric `github.actor_id` (Dependabot is `49699333`), which a renamed account cannot take over. Only `==` is reported: `github.actor != 'dependabot[bot]'`, which skips the bot, gives nothing away.",
  },
  job({ job, report }) {
    for (const use of job.expressions) {
      if (!use.text.includes("[bot]")) continue;
      for (const body of use.bodies) {
        for (const match of botComparisons(tokenize(body))) {
          report({
            path: use.path,
            message: `github.${match.property} == '${match.bot}' is true whenever ${match.bot} caused the run, also when it acted on someone else's pull request or commit`,
            hint: `test the author instead: github.event.pull_request.user.login == '${match.bot}' (pull-request events), or github.actor_id`,
          });
        }
      }
    }
  },
});

interface BotComparison {
  property: string;
  bot: string;
}

function botComparisons(tokens: readonly Token[]): BotComparison[] {
  const found: BotComparison[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text !== "==") continue;
    const left = actorBefore(tokens, i);
    const right = actorAfter(tokens, i);
    const bot = left ? tokens[i + 1] : right ? tokens[i - 1] : undefined;
    const property = left ?? right;
    if (property && bot?.kind === "string" && bot.text.toLowerCase().endsWith("[bot]")) found.push({ property, bot: bot.text });
  }
  return found;
}

// `github.actor` right before the operator at `at`; the property name, lowercased.
function actorBefore(tokens: readonly Token[], at: number): string | undefined {
  const [root, dot, name] = [tokens[at - 3], tokens[at - 2], tokens[at - 1]];
  if (tokens[at - 4]?.text === "." || root?.text.toLowerCase() !== "github" || dot?.text !== ".") return undefined;
  return name && ACTOR_PROPERTIES.has(name.text.toLowerCase()) ? name.text.toLowerCase() : undefined;
}

function actorAfter(tokens: readonly Token[], at: number): string | undefined {
  const [root, dot, name] = [tokens[at + 1], tokens[at + 2], tokens[at + 3]];
  if (tokens[at + 4]?.text === "." || root?.text.toLowerCase() !== "github" || dot?.text !== ".") return undefined;
  return name && ACTOR_PROPERTIES.has(name.text.toLowerCase()) ? name.text.toLowerCase() : undefined;
}
