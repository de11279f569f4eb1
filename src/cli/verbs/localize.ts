// `attune localize --model hf:<…> [--top P] [--pooling P] [--json]`: the language-selective units of a model.
import { localizeLanguageUnits } from '../../benchmarks/language-localizer.ts';
import { InputError } from '../../core/input-error.ts';
import { parseVerbArgs, UsageError } from '../args.ts';
import { MODEL_OPTION_SPECS, modelChoice, openModel, parseFraction } from '../model-options.ts';
import { printJson, printText } from '../output.ts';

/** Help text of `attune localize`. */
export const LOCALIZE_HELP = `Usage: attune localize --model hf:<hub-id-or-folder> [--top P] [--pooling P] [--offline] [--no-cache] [--json]

The functional language localizer over model units: each unit's activation (every layer but the
embeddings, pooled over the text's tokens) for 120 sentences from the Natural Stories texts against
lists of as many pronounceable non-words; Welch's t per unit; the top P of all units (default 1%).
Use --localize P on run, wordsim and norms to score a model through these units only.

Options:
  --model ID     a multi-layer model (hf:…)
  --top P        fraction of units to keep: 1% (default) or 0.01
  --pooling P    mean (default), first, last
  --json         one JSON document: the units per layer with their t values
`;

/** Run `attune localize`; returns the exit code. */
export async function runLocalize(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('localize', args, { ...MODEL_OPTION_SPECS, top: { type: 'string' }, 'no-cache': { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) {
    printText(LOCALIZE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('localize', `unexpected argument '${positionals[0]}'`);
  if (typeof values.model !== 'string') throw new UsageError('localize', '--model is required (an hf: model)');
  const fraction = typeof values.top === 'string' ? parseFraction(values.top, '--top') : 0.01;
  const opened = await openModel({ ...modelChoice(values), localize: undefined }, Boolean(values['no-cache']));
  try {
    const model = opened.model;
    if (model.kind !== 'embedding' || model.layers.length < 2) throw new InputError(`${model.id} is not a multi-layer model; the localizer needs hf:…`, { file: '--model' });
    const units = await localizeLanguageUnits(model, fraction);
    if (values.json) printJson({ model: { id: model.id, revision: model.revision }, ...units });
    else {
      printText(`${model.id}: ${units.n_selected} of ${units.n_units} units (top ${(fraction * 100).toFixed(2)}%, t ≥ ${units.threshold.toFixed(2)}), sentences > non-word lists (${units.n_sentences} each)`);
      for (const l of units.layers) printText(`  ${l.name.padEnd(10)} ${String(l.units.length).padStart(5)} units`);
    }
  } finally {
    opened.close();
  }
  return 0;
}
