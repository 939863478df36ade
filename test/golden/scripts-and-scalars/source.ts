import { job, step, workflow } from "../../../src/index.js";

// Values YAML would retype if written plain, and scripts that must survive byte for byte.
const matrix = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  strategy: { matrix: { python: ["3.9", "3.10", "3.11"], flag: ["on", "off", "yes", "no"] } },
  steps: [
    step({ uses: "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97", with: { "python-version": "${{ matrix.python }}" } }),
    step({
      name: "Script with quotes, colons and comments",
      shell: "bash",
      run: [
        "set -euo pipefail",
        'echo "flag: ${{ matrix.flag }}" # not a YAML comment',
        "printf '%s\\n' 'single' \"double\" `backtick`",
        "if [ -n \"${CI:-}\" ]; then echo '*'; fi",
        "",
      ].join("\n"),
    }),
    step({ name: "octal-looking and null-looking", run: "echo done", env: { MODE: "0755", EMPTY: "", NOTHING: "null", TILDE: "~" } }),
  ],
});

export default workflow("scalars", { name: "Scalars", on: "push", permissions: {}, jobs: { matrix } });
