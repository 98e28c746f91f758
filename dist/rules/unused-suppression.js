// DJS002 is reported by the suppression pass (src/lint/suppress.ts), which runs after every other rule:
// only then is it known which `# djsec: ignore` comments suppressed something. This object holds
// the rule's identity, messages and docs, so it is selected, ignored, listed, documented and
// exported to SARIF like any other rule; its check() has nothing to look at in the settings model.
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS002',
    name: 'unused-suppression',
    level: 'note',
    scope: 'module',
    meta: {
        summary: 'A djsec suppression comment that suppresses nothing, names an unknown rule, or names no rule',
        description: 'A `# djsec: ignore[...]` comment that no longer matches a finding hides nothing today but will hide the next real problem on that line. A bare `# djsec: ignore` hides every rule at once.',
        cwe: [],
        securitySeverity: '1.0',
        precision: 'very-high',
        messages: {
            unused: 'Unused suppression: no {{codes}} finding here to suppress. Remove it from the comment, or the comment if nothing else is listed.',
            unusedBare: 'Unused suppression: this `# djsec: ignore` suppresses nothing here. Remove the comment.',
            blanket: '`# djsec: ignore` without codes suppresses every rule on this line (here {{codes}}). Name the rules instead: `# djsec: ignore[{{codes}}]`.',
            blanketSelected: '`# djsec: ignore` without codes suppresses every rule on this line (here {{codes}} among the rules this run selected; others may be hidden too). Name the rules instead, from a run of every rule.',
            unknownCode: 'Suppression names {{codes}}, which is not a djsec rule (see djsec --list-rules). Use a rule code such as DJS101 or a rule name such as debug-enabled.',
        },
        docs: `
## What it does
Reports \`# djsec: ignore[...]\` comments that suppressed no finding in this run, that name a rule
djsec does not have, or that name no rule at all (a bare \`# djsec: ignore\`, which suppresses every
rule on its line).

## Why is this bad?
A suppression outlives the finding it was written for. Once the setting is fixed, or the finding
moves, the comment hides nothing, until someone later writes an insecure value on the same line
and it is silently ignored. A suppression without codes hides every rule on its line, including
rules added in later versions. A misspelled code suppresses nothing and gives a false sense of
safety.

Only rules that ran are judged: a suppression for a rule left out with \`--select\`/\`--ignore\` is
not reported, and a bare \`# djsec: ignore\` is called unused only when every rule ran. The
\`# noqa: DJS101\` form (Ruff's) is judged the same way. To keep a suppression that is expected to be unused in some runs, add DJS002 to it:
\`# djsec: ignore[DJS101, DJS002]\`.

## Example
\`\`\`python
DEBUG = False  # djsec: ignore[DJS101]
\`\`\`

Use instead:
\`\`\`python
DEBUG = True  # djsec: ignore[DJS101] -- internal staging host, never public
\`\`\`
`,
    },
    check() {
        // Findings come from applySuppressions() in src/lint/suppress.ts, after the other rules ran.
    },
});
