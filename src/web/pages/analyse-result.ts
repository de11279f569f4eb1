// The result of an analysis: the value in full precision (as the CLI's --json prints it), its measure and
// statistics, the equivalent command line, and for an RDM its heatmap and the RDM to download.
import { definitions, h } from '../dom.ts';
import { formatFull, formatP } from '../format.ts';
import { heatmap, HEATMAP_MAX } from '../components/heatmap.ts';
import type { AnalysisRequest, AnalysisResult } from '../worker/protocol.ts';
import { rdmDownloadLinks } from '../rdm-download.ts';

/** The command that prints the same numbers. */
export function cliCommand(req: AnalysisRequest, names: string[]): string {
  const q = (name: string) => (/^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`);
  if (req.op === 'rdm') return `attune rdm ${q(names[0])} --method ${req.method} --json`;
  if (req.op === 'cka') return `attune cka ${q(names[0])} ${q(names[1])}${req.debiased ? ' --debiased' : ''} --json`;
  const extra = `${req.permutations ? ` --permutations ${req.permutations}` : ''}${req.bootstrap ? ` --bootstrap ${req.bootstrap}` : ''}` +
    `${req.permutations || req.bootstrap ? ` --seed ${req.seed}` : ''}`;
  return `attune compare ${q(names[0])} ${q(names[1])} --method ${req.method}${extra} --json`;
}

/** The result block. */
export function resultView(req: AnalysisRequest, names: string[], r: AnalysisResult): HTMLElement {
  const what = req.op === 'rdm' ? 'mean dissimilarity' : req.op === 'cka' ? 'CKA' : 'similarity of the RDMs';
  const block = h('div', { class: 'result' },
    h('p', { class: 'headline' }, h('span', { class: 'label' }, `${what}: `), h('output', { class: 'big', id: 'analysis-value' }, formatFull(r.value))),
    definitions([
      ['Measure', h('code', { id: 'analysis-measure' }, r.measure)],
      ['n', String(r.n)],
      ['p', r.p === undefined ? undefined : h('span', { id: 'analysis-p', title: formatFull(r.p) }, formatP(r.p))],
      ['95% CI', r.ci95 ? `[${formatFull(r.ci95[0])}, ${formatFull(r.ci95[1])}]` : undefined],
      ['Inputs', r.shapes.map((s, k) => `${names[k]}: ${s}`).join('; ')],
      ['Warnings', r.warnings?.join('; ')],
      ['Same as', h('code', { class: 'cmd' }, `${r.largeProducts ? 'ATTUNE_BACKEND=ts ' : ''}${cliCommand(req, names)}`)],
    ]),
    r.largeProducts
      ? h('p', { class: 'hint' }, 'Products this large run on onnxruntime-node in the CLI by default; its value then agrees with this one to about 1e-16 (relative), and exactly with ATTUNE_BACKEND=ts.')
      : null);
  if (r.rdm && r.stimuli !== undefined) {
    const n = r.stimuli;
    const v = r.rdm;
    const at = (i: number, j: number) => (i === j ? 0 : i < j ? v[n * i - (i * (i + 1)) / 2 + (j - i - 1)] : v[n * j - (j * (j + 1)) / 2 + (i - j - 1)]);
    const stem = `${names[0].replace(/\.[^.]*$/, '') || 'features'}-rdm-${req.op === 'rdm' ? req.method : 'rdm'}`;
    block.append(rdmDownloadLinks(v, stem));
    block.append(n <= HEATMAP_MAX
      ? heatmap({ n, title: `${r.measure} RDM of ${names[0]}`, value: at, describe: (i, j, d) => h('div', {}, `stimulus ${i + 1} × stimulus ${j + 1}: ${formatFull(d)}`) })
      : h('p', { class: 'hint' }, `${n} stimuli: too many to draw (at most ${HEATMAP_MAX}).`));
  }
  return block;
}
