// Page 2, a benchmark's detail for one run: who was scored, the score and its statistics ('insufficient' and why below
// the coverage floor; both ceiling bounds; a published reference ceiling as text), provenance, method, coverage, the
// model-vs-human scatter, the layer profile (a vision row's regions side by side), the 92-image RDMs and the pairwise comparisons.
import { loadRuns, type BenchmarkResult, type LoadedRun } from '../api.ts';
import { append, definitions, h, section, table } from '../dom.ts';
import { ceilingSentence } from '../ceiling-text.ts';
import { formatCi, formatCoverage, formatDate, formatFull, formatP, formatValue } from '../format.ts';
import { methodText } from '../methods.ts';
import { referenceCeilingOf } from '../../report/reference-ceiling.ts';
import { subjectKindText, subjectSource } from '../subject-text.ts';
import { subjectOf } from '../../report/subject-groups.ts';
import { benchmarkHref } from '../routes.ts';
import { layersPanel } from '../components/layers.ts';
import { rdm92Panel } from '../components/rdm92.ts';
import { scatterPanel } from '../components/scatter.ts';

/** Render the detail page of `benchmark` (in run `runId`, else the newest run that has it) into `main`. */
export async function detailPage(main: HTMLElement, benchmark: string, runId: string | null): Promise<void> {
  const runs = await loadRuns();
  const having = runs.filter((r) => r.results.results.some((x) => x.benchmark === benchmark));
  const run = having.find((r) => r.summary.id === runId) ?? having[0];
  if (!run) {
    main.append(h('h2', { tabindex: -1 }, benchmark), h('p', {}, 'No run has a result for this benchmark. ', h('a', { href: '#/' }, 'Back to the leaderboard')));
    return;
  }
  const result = run.results.results.find((x) => x.benchmark === benchmark) as BenchmarkResult;
  append(main, [
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Leaderboard'), ' › ', result.title),
    h('h2', { tabindex: -1 }, result.title),
    h('p', { class: 'id' }, h('code', {}, result.benchmark)),
    subjectLine(result),
    runPicker(having, run, benchmark),
    scorePanel(result),
    scatterPanel(result),
    layersPanel(result, run),
    rdm92Panel(result),
    comparisonsPanel(result),
    section('Method', h('p', { class: 'method' }, methodText(result))),
    provenancePanel(result, run),
    coveragePanel(result),
  ]);
}

function runPicker(having: LoadedRun[], run: LoadedRun, benchmark: string): HTMLElement | null {
  if (having.length < 2) return null;
  const select = h('select', { id: 'run-pick' }, having.map((r) =>
    h('option', { value: r.summary.id, selected: r === run }, r.summary.label || `${r.summary.id}: ${r.summary.model.id} (${formatDate(r.summary.created)})`)));
  select.addEventListener('change', () => (location.hash = benchmarkHref(benchmark, select.value)));
  return h('div', { class: 'field' }, h('label', { for: 'run-pick' }, 'Run'), select);
}

/** Who was scored: the label, what kind of subject it is and, for recorded answers, where they come from. */
function subjectLine(result: BenchmarkResult): HTMLElement {
  const subject = subjectOf(result);
  const source = subjectSource(subject);
  return h('p', { class: 'subject', id: 'scored', 'data-kind': subject.kind },
    'Scored: ', h('strong', {}, subject.label), ` — ${subjectKindText(subject.kind)}`, source ? [', answers from ', h('code', {}, source)] : null);
}

function scorePanel(result: BenchmarkResult): HTMLElement {
  const s = result.score;
  const c = s.ceiling;
  const insufficient = result.coverage.insufficient;
  const row = (measure: string, e: typeof s): string[] => insufficient
    ? [measure, 'insufficient', '-', String(e.n), '-', '-']
    : [measure, formatValue(e.value), formatCi(e.ci95) || '-', String(e.n), formatP(e.p), formatFull(e.value)];
  const rows = [row(s.measure, s), ...Object.entries(result.extra ?? {}).map(([name, e]) => row(`${e.measure} (${name})`, e))];
  const reference = referenceCeilingOf(s);
  const headline = insufficient
    ? h('p', { class: 'headline' }, h('span', { class: 'big', id: 'score-value' }, 'insufficient'), ' ', h('span', { id: 'insufficient-reason' }, `${insufficient}: the value is not a result.`))
    : h('p', { class: 'headline' }, h('span', { class: 'big', id: 'score-value' }, formatValue(s.value)), ' ', h('span', {}, formatCi(s.ci95) ? `95% CI ${formatCi(s.ci95)}` : ''));
  return section('Score', headline,
    definitions([
      ['Noise ceiling', h('span', { id: 'ceiling-text' }, c ? ceilingSentence(c) : 'none for this benchmark')],
      ['Normalised', s.normalized !== undefined && !insufficient ? formatValue(s.normalized) : undefined],
      ['Reference ceiling', reference ? h('span', { id: 'reference-ceiling' }, `${formatValue(reference.value)}: ${reference.kind}. Source: ${reference.source}. ` +
        'Published human agreement, shown for reference: it is not a noise ceiling and normalised does not divide by it.') : undefined],
      ['Warnings', s.warnings?.length ? s.warnings.join('; ') : undefined],
    ]),
    table(['measure', 'value', '95% CI', 'n', 'p', 'full precision'], rows, (k) => k >= 1 && k !== 2));
}

function provenancePanel(result: BenchmarkResult, run: LoadedRun): HTMLElement {
  const r = run.results;
  return section('Provenance', definitions([
    ['Measure', h('code', {}, result.score.measure)],
    ['Data set', h('code', {}, result.dataset.id)],
    ['Checksum (sha256)', h('code', { class: 'hash' }, result.dataset.checksum)],
    ['Model', h('code', {}, result.model.id)],
    ['Model revision', h('code', { class: 'hash' }, result.model.revision)],
    ['Layer', result.layer ? `${result.layer.name} (${result.layer.chosen})` : undefined],
    ['Tool', `${r.tool.name} ${r.tool.version}`],
    ['Seed', String(result.score.seed ?? r.seed)],
    ['Run', `${run.summary.label || run.summary.id} — suite ${r.suite}, ${formatDate(r.created)}${result.cached ? ' (from the cache)' : ''}`],
  ]));
}

function coveragePanel(result: BenchmarkResult): HTMLElement {
  const c = result.coverage;
  return section('Coverage', definitions([
    ['Items covered', formatCoverage(c.n_covered, c.n_items)],
    ['Not covered, e.g.', c.missing_examples.length ? c.missing_examples.join(', ') : undefined],
    ['Multi-word items', c.multi_word ? String(c.multi_word) : undefined],
    ['Without a human value', c.no_human_value ? String(c.no_human_value) : undefined],
    ['Answers', c.answers ? `${c.answers.logprobs} from log-probabilities, ${c.answers.parsed} parsed, ${c.answers.none} none` : undefined],
  ]));
}

function comparisonsPanel(result: BenchmarkResult): HTMLElement | null {
  const list = result.comparisons;
  if (!list || list.length === 0) return null;
  const rows = list.map((c) => [c.other, formatValue(c.difference), formatCi(c.ci95) || '-', formatP(c.p)]);
  return section('Pairwise comparisons', h('p', { class: 'hint' }, 'This candidate minus each other one, with the bootstrap 95% interval and two-sided p.'),
    table(['other', 'difference', '95% CI', 'p'], rows, (k) => k >= 1));
}
