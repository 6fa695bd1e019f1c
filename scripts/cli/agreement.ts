import { agreementCsv } from "../../lib/agreement/csv";
import { loadAgreementReport } from "../../lib/agreement/load";
import type { Coefficient } from "../../lib/agreement/coefficient";
import type { CliCommand } from "./types";

const HELP = `usage: npm run cli -- agreement --story KEY [--story KEY…] [--language TAG…] [--json | --csv]

Inter-annotator agreement between the annotators who worked independently on
the story (or stories): unitizing alpha per label, span F1 (exact, overlap) and
link agreement for every pair. A table by default; --json or --csv for the
whole report.`;

const show = (c: Coefficient) => (c.value === null ? `— (${c.reason})` : c.value.toFixed(3));

const command: CliCommand = {
  summary: "inter-annotator agreement for a story (alpha_u, F1, links)",
  help: HELP,
  async run(args, { db }) {
    const storyKeys: string[] = [];
    const languages: string[] = [];
    let format: "table" | "json" | "csv" = "table";
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === "--story" || arg === "--language") {
        const value = args[++i];
        if (!value) {
          console.error(`${arg} needs a value\n\n${HELP}`);
          return 2;
        }
        (arg === "--story" ? storyKeys : languages).push(value);
      } else if (arg === "--json") format = "json";
      else if (arg === "--csv") format = "csv";
      else {
        console.error(`unknown option: ${arg}\n\n${HELP}`);
        return 2;
      }
    }
    if (!storyKeys.length) {
      console.error(HELP);
      return 2;
    }
    const report = await loadAgreementReport(db, { storyKeys, languages });
    if (format === "json") {
      console.log(JSON.stringify(report, null, 2));
      return 0;
    }
    if (format === "csv") {
      process.stdout.write(agreementCsv(report));
      return 0;
    }
    const name = new Map(report.annotators.map((a) => [a.id, a.name]));
    console.log(`stories: ${report.scope.stories.join(", ")}  languages: ${report.languages.join(", ")}`);
    console.log(`annotators: ${report.annotators.map((a) => a.name).join(", ") || "none"}`);
    console.log(`alpha_u overall: ${show(report.overall.alphaU)}`);
    for (const l of report.overall.labels) console.log(`  ${l.label.padEnd(16)} ${show(l.alphaU)}  (${l.units} units)`);
    for (const l of report.perLanguage) console.log(`alpha_u ${l.language}: ${show(l.alphaU)}`);
    for (const p of report.pairs) {
      console.log(
        `${name.get(p.a)} × ${name.get(p.b)}: alpha_u ${show(p.alphaU)}, F1 exact ${show(p.exact.f1)}, ` +
          `F1 overlap ${show(p.overlap.f1)}, entity agreement ${show(p.entity.agreement)}`,
      );
    }
    return 0;
  },
};

export default command;
