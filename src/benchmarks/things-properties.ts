// THINGSplus property ratings (manmade, lives, moves, … on 1–7, and real-world size) decoded from the model's
// vectors of the THINGS concept names by cross-validated ridge, scored as the norms-decoding benchmark scores words.
import { loadThingsProperty, THINGS_PROPERTIES, type ThingsProperty } from '../data/datasets/things.ts';
import type { Benchmark } from './benchmark.ts';
import { scoreByLayer } from './layers.ts';
import { DECODE_FOLDS } from './norms-decoding.ts';
import { loadThingsData } from './things-concepts.ts';
import { decodeProperties } from './things-property-decode.ts';
import { seesTexts } from '../models/word-model.ts';

/**
 * The properties decoded together: those of one file share their rows (animacy.csv has every value), so one
 * ridge run serves them all; size (size_fixed.csv, 7 concepts without a trustworthy value) is decoded alone.
 */
function groupOf(property: ThingsProperty): readonly ThingsProperty[] {
  return THINGS_PROPERTIES.filter((p) => p.file === property.file);
}

/** The decoding benchmark of one THINGSplus property (a name of THINGS_PROPERTIES, e.g. 'lives' or 'size'). */
export function thingsPropertyBenchmark(name: string): Benchmark {
  const property = THINGS_PROPERTIES.find((p) => p.name === name);
  if (!property) throw new Error(`unknown THINGS property '${name}'; known: ${THINGS_PROPERTIES.map((p) => p.name).join(', ')}`);
  const source = property.file === 'animacy.csv'
    ? `animacy.csv column ${property.column}`
    : 'size_fixed.csv column meanSize; 7 rows whose word and uniqueID name different concepts are left out';
  const group = groupOf(property);
  const position = group.indexOf(property);
  return {
    id: `things:property:${name}`,
    title: `THINGSplus property rating: ${name}`,
    version: 2,
    method:
      `Human mean rating of each of the 1,854 THINGS concepts (${source}; scale ${property.scale}), matched by uniqueID; ` +
      `concept names (multi-word names as the mean of their words) → model vectors; ridge regression, ${DECODE_FOLDS} shuffled ` +
      `outer folds, alpha chosen per property on ${DECODE_FOLDS} inner folds; Spearman of the held-out predictions with the human ` +
      'means (Pearson alongside), 95% CI by bootstrap over concepts; no ceiling (rater-level data not shipped).',
    subject: { kind: 'run-model' },
    datasets: ['things_concepts', 'things_property_ratings'],
    supports: (model) => seesTexts(model),
    run: async (model, options) => {
      const { concepts } = loadThingsData();
      const ids = concepts.map((c) => c.id);
      const words = concepts.map((c) => c.word);
      const ratings = group.map((p) => loadThingsProperty(p.name, ids, words));
      const indices = words.map((_, i) => i);
      const outcome = await scoreByLayer(model, options.layers, indices, options.seed, async (m, items) => {
        const outcomes = await decodeProperties(m, property.file, items.map((i) => words[i]), ratings.map((r) => Float64Array.from(items, (i) => r.values[i])), options);
        return outcomes[position];
      });
      return { dataset: { id: ratings[position].dataset, checksum: ratings[position].checksum }, ...outcome };
    },
  };
}

/** One decoding benchmark per THINGSplus property, in THINGS_PROPERTIES order. */
export function thingsPropertyBenchmarks(): Benchmark[] {
  return THINGS_PROPERTIES.map((p) => thingsPropertyBenchmark(p.name));
}
