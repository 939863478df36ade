import { jobContainers } from "./_containers.js";
import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "container-incomplete",
  severity: "error",
  summary: "A job container or service is written as a mapping without `image`, or with `credentials` that lack the username or the password.",
  docs: {
    why: `A container written as a mapping (\`env\`, \`ports\`, \`options\`…) still needs the image to start:
without \`image\` GitHub has nothing to pull and the job fails. Registry \`credentials\` log in with a
username and a password together; with one of them missing the login fails, and so does the job.
See [\`jobs.<job_id>.container\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idcontainer).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      db:
        env:
          POSTGRES_PASSWORD: postgres
    steps:
      - run: npm test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
    steps:
      - run: npm test
`,
    fix: "Add `image:` to the container or service; give `credentials` both `username` and `password` (the password from a secret).",
  },
  job({ job, report }) {
    for (const { value, path, label } of jobContainers(job)) {
      if (!isObject(value)) continue;
      if (value["image"] === undefined) {
        report({ path, message: `${label} has no image, so GitHub has nothing to start`, hint: "add image:, e.g. image: postgres:16" });
      }
      const credentials = value["credentials"];
      if (!isObject(credentials)) continue;
      const missing = ["username", "password"].filter((key) => credentials[key] === undefined);
      if (missing.length > 0) {
        report({ path: [...path, "credentials"], message: `the registry credentials of ${label} have no ${missing.join(" and no ")}, so the login fails`, hint: "give credentials both username and password, the password from a secret" });
      }
    }
  },
});
