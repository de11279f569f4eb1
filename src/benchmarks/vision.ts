// The vision benchmarks: every layer of a picture model against early visual cortex, IT and similarity judgments
// on the shipped picture sets (Cichy 2014, Algonauts 2019, Kriegeskorte 2008). One row per target for the run's
// model, and rows for fixed subjects that need no weights: the gabor and pixels baselines, and the recorded AlexNet,
// VGG-16 and ResNet layer RDMs on the 92 images.
import { InputError } from '../core/input-error.ts';
import { loadPictureSet } from '../data/datasets/picture-sets.ts';
import { loadRecordedNetwork, RECORDED_NETWORKS, RECORDED_NETWORKS_DATASET } from '../data/datasets/recorded-networks.ts';
import { verifyDataset } from '../data/registry.ts';
import { gaborModel } from '../models/baselines/gabor.ts';
import { pixelsModel } from '../models/baselines/pixels.ts';
import { stimulusName } from '../core/stimulus.ts';
import { seesImages, type EmbeddingModel, type WordModel } from '../models/word-model.ts';
import { BenchmarkSkipped, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome, type LayerChoice } from './benchmark.ts';
import { modelLayerRdms } from './vision-layer-rdms.ts';
import { scoreVisionSubjects, type VisionOutcome, type VisionScoreOptions, type VisionSubject } from './vision-score.ts';
import { VISION_TARGETS, type VisionTarget } from './vision-targets.ts';

/** How every vision row is computed. */
export const VISION_METHOD =
  'Each layer of the model gives an RDM over the pictures (1 \u2212 Pearson r between the pictures\u2019 activation vectors, as the brain RDMs and the Algonauts kit); ' +
  'it is compared with each subject\u2019s RDM by Spearman correlation of the upper triangles and averaged over subjects (rsatoolbox eval_fixed). ' +
  '95% CI: percentile bootstrap over pictures (pairs of a picture with its own copy dropped) and subjects. Noise ceiling from the subjects ' +
  '(lower: each subject vs the mean rank RDM of the others; upper: vs the mean of all), normalized = value / lower bound. ' +
  'Layers: every layer is scored (the layer profile) and the row shows the last one; with --layers best the row\u2019s layer is chosen on a seeded half ' +
  'of the pictures and scored on the other half only (the profile is then on the selection half); --layers N shows layer N. ' +
  'Beside it: the Algonauts 2019 score (Cichy and Algonauts sets: mean over subjects of the squared Spearman r, divided by the noise ceiling R\u00b2 the kit\u2019s ' +
  'evaluation script hard-codes \u2014 92 images EVC 0.1589, IT 0.3075; 78 images EVC 0.0640, IT 0.0647 \u2014, \u00d7100, as the kit computes it; the details also give the ceiling ' +
  'recomputed by the kit\u2019s definition, the mean over subjects of the squared Spearman r between the subject and the mean RDM of all subjects; ' +
  'squaring drops the sign; not reported with --layers best, whose row rests on half the pictures) and Kendall tau-a (the Kriegeskorte sets, the measure of the literature suite\u2019s 92-image rows). ' +
  'The recorded networks saw the 92 objects on white (Cichy\u2019s pictures); on the Kriegeskorte targets the same objects were shown on grey.';

/** A subject scored by every vision suite run, whatever the run's model. */
interface FixedSubject {
  /** In benchmark ids: vision:<target>:<key>. */
  key: string;
  /** The scored id in the results, e.g. 'gabor' or 'recorded:alexnet'. */
  id: string;
  title: string;
  /** Data sets it reads beyond the target's. */
  datasets: readonly string[];
  /** Whether it has RDMs over this target's pictures. */
  covers(target: VisionTarget): boolean;
  revision(): string;
  /** How it turns pictures into activations (the baselines), for the provenance. */
  preprocessing?(): Record<string, unknown> | undefined;
  open(target: VisionTarget): Promise<Omit<VisionSubject, 'name'>>;
}

const baselines = { gabor: lazy(gaborModel), pixels: lazy(pixelsModel) };

/** The fixed subjects: the two weight-free baselines, then the recorded networks (92-image targets only). */
const FIXED_SUBJECTS: readonly FixedSubject[] = [
  baselineSubject('gabor', 'gabor (V1-like Gabor energy)'),
  baselineSubject('pixels', 'pixels'),
  ...RECORDED_NETWORKS.map((network): FixedSubject => ({
    key: network.id, id: `recorded:${network.id}`, title: `${network.title} (recorded)`, datasets: [RECORDED_NETWORKS_DATASET],
    covers: (target) => target.pictureSet !== 'algonauts78',
    revision: () => verifyDataset(RECORDED_NETWORKS_DATASET),
    open: async () => {
      const recorded = loadRecordedNetwork(network.id);
      return { layers: recorded.layers.map((l) => l.name), defaultLayer: recorded.layers.length - 1, rdms: recorded.layers.map((l) => l.rdm) };
    },
  })),
];

function baselineSubject(key: keyof typeof baselines, title: string): FixedSubject {
  return {
    key, id: key, title, datasets: [],
    covers: () => true,
    revision: () => baselines[key]().revision,
    preprocessing: () => baselines[key]().preprocessing,
    open: async (target) => subjectOf(baselines[key](), target, [0]),
  };
}

/** The vision rows: for each target, the run's model, then every fixed subject that has the target's pictures. */
export function visionBenchmarks(): Benchmark[] {
  const memo = new Map<string, Promise<Map<string, VisionOutcome>>>();
  const fixedOutcomes = (target: VisionTarget, options: BenchmarkOptions) => {
    const key = JSON.stringify([target.id, options.seed, options.bootstrap ?? 1000, fixedLayers(options.layers)]);
    if (!memo.has(key)) memo.set(key, scoreFixed(target, options));
    return memo.get(key)!;
  };
  return VISION_TARGETS.flatMap((target): Benchmark[] => [
    {
      id: `vision:${target.id}`, title: target.title, version: 1, method: VISION_METHOD, subject: { kind: 'run-model' }, datasets: target.datasets,
      supports: (model) => seesImages(model),
      skipReason: (model) => `model '${model.id}' sees no pictures (text only); picture models: hf: vision models, features:<dir>, gabor, pixels`,
      run: async (model, options) => runModelRow(model as EmbeddingModel, target, options),
    },
    ...FIXED_SUBJECTS.filter((s) => s.covers(target)).map((subject): Benchmark => ({
      id: `vision:${target.id}:${subject.key}`, title: `${subject.title}: ${target.title}`, version: 1, method: VISION_METHOD, subject: { kind: 'fixed' },
      datasets: [...target.datasets, ...subject.datasets],
      supports: () => true,
      run: async (_model, options) => {
        const outcome = (await fixedOutcomes(target, options)).get(subject.key)!;
        const preprocessing = subject.preprocessing?.();
        return { ...(await rowBase(target)), ...outcome, scored: { id: subject.id, revision: subject.revision(), ...(preprocessing ? { preprocessing } : {}) } };
      },
    })),
  ]);
}

/** The run's model on one target: all its layers (or the one asked for), scored alone. */
async function runModelRow(model: EmbeddingModel, target: VisionTarget, options: BenchmarkOptions): Promise<BenchmarkOutcome> {
  const pictures = await loadPictureSet(target.pictureSet);
  if (model.covers && !model.covers(pictures.stimuli.map(stimulusName))) {
    throw new BenchmarkSkipped(`model '${model.id}' has no activations for the pictures of ${target.pictureSet}`);
  }
  const choice = options.layers ?? 'default';
  const base = await rowBase(target);
  if (typeof choice === 'number') {
    if (choice >= model.layers.length) throw new InputError(`--layers ${choice}: ${model.id} has layers 0…${model.layers.length - 1}`, { file: '--layers' });
    const [rdm] = await modelLayerRdms(model, pictures.stimuli, [choice]);
    const subject = { name: model.id, layers: [model.layers[choice]], defaultLayer: 0, rdms: [rdm] };
    const outcome = (await scoreVisionSubjects([subject], await target.load(), target.id, settings(options, 'default'))).get(model.id)!;
    return { ...base, ...outcome, layer: { layer: choice, name: model.layers[choice], chosen: 'given' } };
  }
  const subject = { name: model.id, layers: model.layers, defaultLayer: model.defaultLayer, rdms: await modelLayerRdms(model, pictures.stimuli, model.layers.map((_, l) => l)) };
  const outcomes = await scoreVisionSubjects([subject], await target.load(), target.id, settings(options, choice));
  return { ...base, ...outcomes.get(model.id)! };
}

/** Every fixed subject of a target scored together (one bootstrap, paired comparisons), keyed by subject key. */
async function scoreFixed(target: VisionTarget, options: BenchmarkOptions): Promise<Map<string, VisionOutcome>> {
  const subjects = FIXED_SUBJECTS.filter((s) => s.covers(target));
  const opened = await Promise.all(subjects.map(async (s) => ({ ...(await s.open(target)), name: s.key })));
  return scoreVisionSubjects(opened, await target.load(), target.id, settings(options, fixedLayers(options.layers)));
}

/** Fixed subjects have layers of their own: every layer is scored unless the run asks for the best (a layer number is the run model's). */
function fixedLayers(choice: LayerChoice | undefined): 'default' | 'best' {
  return choice === 'best' ? 'best' : 'default';
}

function settings(options: BenchmarkOptions, layers: Exclude<LayerChoice, number>): VisionScoreOptions {
  return { seed: options.seed, bootstrap: options.bootstrap ?? 1000, layers: layers === 'best' ? 'best' : 'all' };
}

/** A one-layer model's RDM over the target's pictures (the baselines). */
async function subjectOf(model: EmbeddingModel, target: VisionTarget, layers: readonly number[]): Promise<Omit<VisionSubject, 'name'>> {
  const pictures = await loadPictureSet(target.pictureSet);
  return { layers: model.layers, defaultLayer: model.defaultLayer, rdms: await modelLayerRdms(model, pictures.stimuli, layers) };
}

/** The data set and coverage every row of a target shares. */
async function rowBase(target: VisionTarget): Promise<Pick<BenchmarkOutcome, 'dataset' | 'coverage'>> {
  const [pictures, rdms] = await Promise.all([loadPictureSet(target.pictureSet), target.load()]);
  const n = pictures.stimuli.length;
  return { dataset: rdms.dataset, coverage: { n_items: n, n_covered: n, missing_examples: [] } };
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
