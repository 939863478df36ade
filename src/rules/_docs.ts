// Renders a rule's doc page, `docs/rules/<id>.md`, from the docs in its source file, so the page
// and the rule cannot drift; `npm run docs:rules` writes the pages, `trunkline check` compares them.
import type { Rule } from "./_define-rule.js";

/** The folder of the rule pages, relative to the repository root. */
export const RULE_DOCS_DIR = "docs/rules";

/** What the page of a fixable rule says first under "How to fix". */
export const FIXABLE_NOTE = "Fixable with `trunkline lint --fix` in hand-written YAML; on sources, `gen` prints the TypeScript edit under the finding (`suggested edit:`, and `suggestion` in `--format json`).";

/** The page of one rule, as Markdown. */
export function renderRuleDoc(rule: Rule): string {
  const sections = [
    `# ${rule.id}`,
    rule.summary,
    `Default severity: **${rule.severity}**. Configure it in \`trunkline.config.ts\` (\`lint: { rules: { "${rule.id}": "off" } }\`), or suppress one finding with \`job(spec, { suppress: ["${rule.id}"] })\` / \`step(spec, { suppress: [...] })\` in TypeScript or a \`# trunkline-ignore: ${rule.id}\` comment in YAML.${rule.docs.severity ? `\n\n${rule.docs.severity.trim()}` : ""}`,
    `## Why\n\n${rule.docs.why.trim()}`,
    // a rule that compares rulesets with workflows shows the ruleset its examples are checked against
    ...(rule.docs.ruleset ? [`## Ruleset\n\nBoth examples below are checked against this ruleset (\`rulesets/main.json\`, GitHub's REST format):\n\n\`\`\`json\n${rule.docs.ruleset.trimEnd()}\n\`\`\``] : []),
    // a rule that compares workflows shows the workflow its examples call
    ...(rule.docs.called ? [`## Called workflow\n\nBoth examples below call this workflow (\`${rule.docs.called.file}\`):\n\n\`\`\`yaml\n${rule.docs.called.yaml.trimEnd()}\n\`\`\``] : []),
    `## Invalid\n\n\`\`\`yaml invalid\n${rule.docs.invalid.trimEnd()}\n\`\`\``,
    `## Valid\n\n\`\`\`yaml valid\n${rule.docs.valid.trimEnd()}\n\`\`\``,
    `## How to fix\n\n${rule.fixable ? `${FIXABLE_NOTE}\n\n` : ""}${rule.docs.fix.trim()}`,
  ];
  if (rule.docs.options) sections.push(`## Options\n\n${rule.docs.options.trim()}`);
  return `<!-- Generated from src/rules/${rule.id}.ts by "npm run docs:rules"; edit that file. -->\n\n${sections.join("\n\n")}\n`;
}

/** The index page listing every rule with its summary and default severity. */
export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](./${rule.id}.md) | ${rule.severity} | ${rule.fixable ? "yes" : ""} | ${rule.summary.replace(/\|/g, "\\|")} |`);
  return `<!-- Generated from src/rules/ by "npm run docs:rules"; edit those files. -->\n\n# trunkline rules\n\nRules run on every workflow \`trunkline gen\` writes (errors stop the write) and on any YAML file \`trunkline lint\` is given. A rule marked "fix" is fixed by \`trunkline lint --fix\` in hand-written YAML, and \`gen\` prints the TypeScript edit for its findings in generated files.\n\n| rule | default | fix | catches |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`;
}

/** Every generated page, keyed by its repo-relative path. */
export function renderRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const pages = new Map<string, string>([[`${RULE_DOCS_DIR}/README.md`, renderRuleIndex(rules)]]);
  for (const rule of rules) pages.set(`${RULE_DOCS_DIR}/${rule.id}.md`, renderRuleDoc(rule));
  return pages;
}
