// Page 4, "Analyse your data": an RDM of a features file, two RDMs compared, or linear CKA of two matrices,
// computed in a Web Worker on Attune's own code (the values of `attune rdm | compare | cka --json`); no upload.
// Each analysis keeps its own file inputs, so switching analyses never runs one on another's files.
import { h } from '../dom.ts';
import { COMPARE_CHOICES, RDM_METHODS, type AnalysisRequest, type InputFile } from '../worker/protocol.ts';
import { analyse } from '../worker/client.ts';
import { fileZone, type FileZone } from '../components/file-zone.ts';
import { resultView } from './analyse-result.ts';

type Op = AnalysisRequest['op'];

/** Each analysis with its own file inputs (ids and labels): a file chosen for one is never used by another. */
const OPS: { op: Op; text: string; files: [string, string][] }[] = [
  { op: 'rdm', text: 'RDM of a features file', files: [['rdm-features', 'Features (rows = stimuli, columns = channels)']] },
  { op: 'compare', text: 'Compare two RDMs', files: [['compare-a', 'RDM A (square or condensed)'], ['compare-b', 'RDM B']] },
  { op: 'cka', text: 'Linear CKA of two matrices', files: [['cka-x', 'X (rows = stimuli)'], ['cka-y', 'Y (same stimuli, same order)']] },
];

/** Render the page into `main`. */
export function analysePage(main: HTMLElement): void {
  let op: Op = 'rdm';
  let run = 0;
  const zones = Object.fromEntries(OPS.map((o) => [o.op, o.files.map(([id, label]) => fileZone(id, label, () => void update()))])) as Record<Op, FileZone[]>;
  const rdmMethod = select('rdm-method', RDM_METHODS, 'euclidean');
  const compareMethod = select('compare-method', COMPARE_CHOICES, 'spearman');
  const permutations = number('permutations', 0);
  const bootstrap = number('bootstrap', 0);
  const seed = number('seed', 0);
  const debiased = h('input', { type: 'checkbox', id: 'debiased' });
  const out = h('div', { class: 'analysis-out', role: 'status', 'aria-live': 'polite', id: 'analysis-out' });
  const opts = {
    rdm: h('div', { class: 'opts' }, field('rdm-method', 'Dissimilarity', rdmMethod)),
    compare: h('div', { class: 'opts' }, field('compare-method', 'Comparison', compareMethod), field('permutations', 'Permutations', permutations),
      field('bootstrap', 'Bootstrap resamples', bootstrap), field('seed', 'Seed', seed)),
    cka: h('div', { class: 'opts' }, h('div', { class: 'field check' }, debiased, h('label', { for: 'debiased' }, 'debiased (unbiased HSIC)'))),
  };
  const radios = OPS.map((o) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'op', value: o.op, checked: o.op === op,
    onchange: () => { op = o.op; layout(); update(); } }), o.text));
  const layout = () => {
    for (const o of OPS) for (const zone of zones[o.op]) zone.element.hidden = o.op !== op;
    for (const [k, el] of Object.entries(opts)) el.hidden = k !== op;
  };
  const request = async (): Promise<AnalysisRequest | null> => {
    const files = zones[op].map((z) => z.file());
    if (files.some((f) => f === null)) return null;
    const read: InputFile[] = await Promise.all((files as File[]).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    if (op === 'rdm') return { op, files: [read[0]], method: rdmMethod.value as (typeof RDM_METHODS)[number] };
    if (op === 'cka') return { op, files: [read[0], read[1]], debiased: debiased.checked };
    return { op, files: [read[0], read[1]], method: compareMethod.value as (typeof COMPARE_CHOICES)[number],
      permutations: count(permutations), bootstrap: count(bootstrap), seed: count(seed) };
  };
  const update = async () => {
    const mine = ++run;
    const req = await request();
    if (mine !== run) return;
    if (!req) return void out.replaceChildren(h('p', { class: 'hint' }, op === 'rdm' ? 'Choose or drop a file.' : 'Choose or drop both files.'));
    out.replaceChildren(h('p', { class: 'hint' }, 'Computing…'));
    const names = req.files.map((f) => f.name);
    try {
      const result = await analyse(req);
      if (mine === run) out.replaceChildren(resultView(req, names, result));
    } catch (error) {
      if (mine === run) out.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    }
  };
  for (const el of [rdmMethod, compareMethod, permutations, bootstrap, seed, debiased]) el.addEventListener('change', () => void update());
  const form = h('form', { class: 'analyse', onsubmit: (e: Event) => { e.preventDefault(); void update(); } },
    h('fieldset', { class: 'toggle' }, h('legend', {}, 'Analysis'), radios),
    h('div', { class: 'zones' }, OPS.flatMap((o) => zones[o.op].map((z) => z.element))),
    opts.rdm, opts.compare, opts.cka,
    h('button', { type: 'submit', class: 'primary' }, 'Compute'));
  main.append(h('h2', { tabindex: -1 }, 'Analyse your data'),
    h('p', {}, 'Files stay on this computer: they are read by this page and computed in a Web Worker with Attune\u2019s own code; nothing is uploaded. ',
      'The values are those of ', h('code', {}, 'attune rdm'), ', ', h('code', {}, 'attune compare'), ' and ', h('code', {}, 'attune cka'),
      ' with ', h('code', {}, '--json'), '. Files: CSV, TSV or space-separated text (optional header row), or NumPy ', h('code', {}, '.npy'), '.'),
    form, out);
  layout();
  void update();
}

function select(id: string, choices: readonly string[], value: string): HTMLSelectElement {
  return h('select', { id }, choices.map((c) => h('option', { value: c, selected: c === value }, c)));
}

function number(id: string, value: number): HTMLInputElement {
  return h('input', { type: 'number', id, min: 0, step: 1, value, inputmode: 'numeric' });
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** A non-negative integer from a number input (0 when empty or invalid). */
function count(input: HTMLInputElement): number {
  const v = Math.floor(Number(input.value));
  return Number.isFinite(v) && v > 0 ? v : 0;
}
