// `attune features <stimuli> --model M [--layers all|N] [--pooling P] [--tower T] [--names FILE] -o DIR [--no-cache] [--json]`:
// a model's activations for a set of stimuli, written in thingsvision's layout (what `features:<dir>` reads).
import { InputError } from '../../core/input-error.ts';
import { matrix, type Matrix } from '../../core/matrix.ts';
import { stimulusName } from '../../core/stimulus.ts';
import { writeFeaturesFolder } from '../../data/features-writer.ts';
import { resolveStimuli } from '../../data/stimulus-source.ts';
import { expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { MODEL_OPTION_SPECS, modelChoice, openModel } from '../model-options.ts';
import { note, printJson, printText } from '../output.ts';

/** Help text of `attune features`. */
export const FEATURES_HELP = `Usage: attune features <stimuli> --model ID -o DIR [--layers all|N] [--pooling P] [--tower T] [--names FILE]
                       [--offline] [--no-cache] [--json]

Extract a model's activations for your stimuli and write them as thingsvision does: one float32 .npy
per layer (rows = stimuli, in order) and file_names.txt (one stimulus name per line). Read them back
with --model features:DIR, or take their RDMs with 'attune rdm DIR'.

<stimuli> is a shipped picture set (cichy92, kriegeskorte92, algonauts78), a folder of pictures (JPEG,
PNG, WebP; sub-folders too) or a text file with one word or sentence per line.

Options:
  --model ID           the model: hf:<hub-id-or-folder>, gabor, pixels, glove, vectors:<file>, features:<dir>
  -o, --output DIR     the folder to write (created when needed; files are moved in only once all are written)
  --layers L           all (default) or one layer number (0 = embeddings)
  --pooling P          hf: text models mean (default), first, last; picture models cls or mean (default)
                       of the patch tokens, flatten (default) or avgpool of feature maps
  --tower T            two-tower hf: models (CLIP, SigLIP): image (default) or text
  --names FILE         the order of a folder of pictures: one relative file name per line
  --offline            never reach the network for models (also ATTUNE_OFFLINE=1)
  --no-cache           keep no model activations in the cache
  --json               one JSON document: {stimuli, layers: [{name, file, width}], folder, names_file}
  -h, --help           this help
`;

/** Run `attune features`; returns the exit code. */
export async function runFeatures(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('features', args, {
    ...MODEL_OPTION_SPECS, names: { type: 'string' }, output: { type: 'string', short: 'o' }, 'no-cache': { type: 'boolean' }, json: { type: 'boolean' },
  });
  if (values.help) {
    printText(FEATURES_HELP);
    return 0;
  }
  const [spec] = expectPositionals('features', positionals, ['stimuli']);
  const folder = values.output;
  if (typeof folder !== 'string' || folder === '') throw new UsageError('features', '-o DIR is required (the folder to write)');
  if (typeof values.model !== 'string') throw new UsageError('features', '--model is required');
  if (values.layers === 'best') throw new UsageError('features', "--layers takes all or a layer number here ('best' chooses a layer by a score)");
  const choice = modelChoice({ ...values, layers: values.layers ?? 'all' });

  const source = await resolveStimuli(spec, { names: typeof values.names === 'string' ? values.names : undefined });
  const opened = await openModel(choice, Boolean(values['no-cache']));
  const layers: { name: string; index: number; matrix: Matrix }[] = [];
  let uncovered: string[] = [];
  try {
    const model = opened.model;
    if (model.kind !== 'embedding') throw new InputError(`${model.id} gives ratings, not activations; give a model with layers (hf:…, gabor, pixels, glove, …)`, { file: '--model' });
    const chosen = typeof choice.layers === 'number' ? [choice.layers] : model.layers.map((_, l) => l);
    if (chosen[0] >= model.layers.length) throw new InputError(`--layers ${chosen[0]}: ${model.id} has layers 0…${model.layers.length - 1}`, { file: '--layers' });
    for (const index of chosen) {
      const vectors = await model.vectors(source.stimuli, index);
      if (layers.length === 0) uncovered = source.stimuli.filter((_, i) => !vectors.covered[i]).map(stimulusName);
      layers.push({ name: model.layers[index], index, matrix: vectors.matrix });
    }
  } finally {
    opened.close();
  }
  // A stimulus the model has no vector for (an unknown word) gets no row: features:DIR then reports it as not covered too.
  const missing = new Set(uncovered);
  const keep = source.stimuli.map((s) => !missing.has(stimulusName(s)));
  if (uncovered.length > 0) {
    note(`attune features: ${uncovered.length} of ${source.stimuli.length} stimuli are not covered by ${choice.id} and are left out of the folder: ${uncovered.slice(0, 10).join(', ')}${uncovered.length > 10 ? ', …' : ''}`);
  }
  if (!keep.some(Boolean)) throw new InputError(`${choice.id} covers none of the ${source.stimuli.length} stimuli`, { file: spec });
  const names = source.stimuli.map(stimulusName).filter((_, i) => keep[i]);
  const kept = layers.map((layer) => ({ ...layer, matrix: keepRows(layer.matrix, keep) }));
  const written = await writeFeaturesFolder(folder, names, kept);
  note(`attune features: wrote ${layers.length} layer${layers.length === 1 ? '' : 's'} × ${names.length} stimuli to ${folder}`);
  if (values.json) {
    printJson({
      stimuli: names.length,
      layers: layers.map((layer, k) => ({ name: layer.name, index: layer.index, file: written[k], width: layer.matrix.cols })),
      folder,
      names_file: written[written.length - 1],
      ...(uncovered.length > 0 ? { not_covered: uncovered } : {}),
    });
  }
  return 0;
}

/** The rows of a matrix whose flag is set. */
function keepRows(m: Matrix, keep: readonly boolean[]): Matrix {
  if (keep.every(Boolean)) return m;
  const rows = keep.filter(Boolean).length;
  const data = new Float32Array(rows * m.cols);
  let r = 0;
  keep.forEach((k, i) => {
    if (k) data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r++ * m.cols);
  });
  return matrix(rows, m.cols, data);
}
