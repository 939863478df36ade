import rule from "../../src/rules/trusted-publishing.js";
import { testRule } from "./_test-rule.js";

const SHA = "0".repeat(40);
const steps = (body: string, jobExtra = "") => `on:\n  release:\n    types: [published]\njobs:\n  a:\n    runs-on: x\n${jobExtra}    steps:\n${body}`;

testRule(rule, {
  valid: [
    { name: "issue 12.trusted-publishing: pypi-publish without a password", yaml: steps(`      - uses: pypa/gh-action-pypi-publish@${SHA}\n`, "    permissions:\n      id-token: write\n") },
    { name: "issue 12.trusted-publishing: npm publish with provenance and no token", yaml: steps("      - run: npm publish --provenance --access public\n", "    permissions:\n      id-token: write\n") },
    { name: "issue 12.trusted-publishing: a token used by a script that does not publish", yaml: steps("      - run: npm whoami\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n") },
    { name: "issue 12.trusted-publishing: pypi-publish to another index with a password from a variable", yaml: steps(`      - uses: pypa/gh-action-pypi-publish@${SHA}\n        with:\n          password: ''\n`) },
  ],
  invalid: [
    { name: "issue 12.trusted-publishing: pypi-publish with password", yaml: steps(`      - uses: pypa/gh-action-pypi-publish@${SHA}\n        with:\n          user: __token__\n          password: \${{ secrets.PYPI_TOKEN }}\n`), errors: [{ path: ["jobs", "a", "steps", 0, "with", "password"], line: 11, column: 21 }] },
    { name: "issue 12.trusted-publishing: npm publish with NODE_AUTH_TOKEN from a secret (job env)", yaml: steps("      - run: npm publish\n", "    env:\n      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 14 }] },
    { name: "issue 12.trusted-publishing: twine upload with TWINE_PASSWORD (step env)", yaml: steps("      - run: |\n          python -m build\n          twine upload dist/*\n        env:\n          TWINE_USERNAME: __token__\n          TWINE_PASSWORD: ${{ secrets.PYPI }}\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 14 }] },
    { name: "issue 12.trusted-publishing: cargo publish inside parallel:", yaml: steps("      - parallel:\n          - run: cargo publish\n            env:\n              CARGO_REGISTRY_TOKEN: ${{ secrets.CRATES }}\n"), errors: [{ path: ["jobs", "a", "steps", 0, "parallel", 0, "run"], line: 9, column: 18 }] },
  ],
});
