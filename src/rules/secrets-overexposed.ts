import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";

export default defineRule({
  id: "secrets-overexposed",
  severity: "warning",
  summary: "Every secret is handed to the job at once: `toJSON(secrets)`, or `secrets[…]` with a name computed at run time.",
  docs: {
    why: `A runner receives only the secrets a job's expressions name. \`toJSON(secrets)\` names all of them, and
\`secrets[matrix.name]\` or \`secrets[format(…)]\` can reach any of them, so every secret of the
repository, organisation and environment is sent to the runner, where any step — a compromised
action, a dependency's install script — can read and exfiltrate them. Naming each secret keeps the
rest out of the job's reach.
See [using secrets in GitHub Actions](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/use-secrets)
and [security hardening: using secrets](https://docs.github.com/actions/reference/security/secure-use#use-secrets-for-sensitive-information).`,
    invalid: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          ALL_SECRETS: \${{ toJSON(secrets) }}
`,
    valid: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}
`,
    fix: "Name each secret the job needs (`secrets.DEPLOY_KEY`). For a matrix of targets, put the secret's expression in each `include` row's step, or give each target its own environment with its own secret of the same name (`environment: ${{ matrix.target }}` then `secrets.DEPLOY_KEY`).",
  },
  job({ job, report }) {
    for (const use of job.expressions) {
      const reported = new Set<string>();
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          if (reference.root !== "secrets") continue;
          const whole = reference.segments.length === 0;
          if (!whole && reference.segments[0] !== null) continue;
          const text = whole ? "secrets" : formatReference(reference);
          if (reported.has(text)) continue;
          reported.add(text);
          report({
            path: use.path,
            message: whole
              ? "this expression reads the whole secrets context, so every secret is sent to the runner, where any step can read them"
              : `${text} picks a secret by a name computed at run time, so every secret is sent to the runner, where any step can read them`,
            hint: "name each secret the job needs: secrets.NAME",
          });
        }
      }
    }
  },
});
