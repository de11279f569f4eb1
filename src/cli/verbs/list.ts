// `attune list benchmarks|models|measures|datasets [--json]`.
import { SUITES } from '../../benchmarks/suites.ts';
import { listDatasets } from '../../data/registry.ts';
import { MEASURES } from '../../measures/catalog.ts';
import { MODEL_IDS } from '../../models/resolve-model.ts';
import { didYouMean } from '../../core/suggest.ts';
import { expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { printJson, printText } from '../output.ts';

/** Help text of `attune list`. */
export const LIST_HELP = `Usage: attune list benchmarks|models|measures|datasets [--json]

List what Attune knows: the benchmarks of every suite, the model ids it accepts, the measure ids
that travel with every number, and the human data sets shipped in data/ (with citation and licence).
`;

const WHAT = ['benchmarks', 'models', 'measures', 'datasets'] as const;

/** Two-column text: names padded to the longest one. */
function columns(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${a.padEnd(width)}  ${b}`).join('\n');
}

/** Run `attune list`; returns the exit code. */
export async function runList(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('list', args, { json: { type: 'boolean' } });
  if (values.help) {
    printText(LIST_HELP);
    return 0;
  }
  const [what] = expectPositionals('list', positionals, ['benchmarks|models|measures|datasets']);
  if (!(WHAT as readonly string[]).includes(what)) throw new UsageError('list', `unknown list '${what}': benchmarks, models, measures or datasets${didYouMean(what, WHAT)}`);
  const kind = what as (typeof WHAT)[number];
  const json = Boolean(values.json);
  if (kind === 'benchmarks') {
    const rows = SUITES.flatMap((s) => s.benchmarks().map((b) => ({ suite: s.id, id: b.id, title: b.title, datasets: b.datasets })));
    if (json) printJson(rows);
    else printText(columns(rows.map((r) => [r.id, `${r.title}  [suite ${r.suite}; data ${r.datasets.join(', ')}]`])));
  } else if (kind === 'models') {
    if (json) printJson(MODEL_IDS);
    else printText(columns(MODEL_IDS.map((m) => [m.pattern, m.description])));
  } else if (kind === 'measures') {
    if (json) printJson(MEASURES);
    else printText(columns(MEASURES.map((m) => [m.id, m.description])));
  } else {
    const cards = listDatasets();
    if (json) printJson(cards);
    else printText(columns(cards.map((c) => [c.id, `${c.title} — ${c.citation.split('\n')[0]} (licence: ${c.licence.split('\n')[0]})`])));
  }
  return 0;
}
