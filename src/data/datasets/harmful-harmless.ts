// The harmful vs harmless instructions (Arditi et al. 2024 splits) for latent-safety geometry: the evaluation
// splits, each de-duplicated, the larger class drawn down to the size of the smaller with a fixed seed, so every
// run and every model sees the same, balanced instructions.
import { InputError } from '../../core/input-error.ts';
import { createRng } from '../../core/random.ts';
import { readJson } from '../json.ts';
import { datasetFile, verifyDataset } from '../registry.ts';

/** Registry id of the instruction sets. */
export const HARMFUL_HARMLESS_DATASET = 'harmful_harmless_instructions';
/** The splits read: JailbreakBench + HarmBench test + StrongREJECT (harmful), Alpaca (harmless). */
export const HARMFUL_SPLIT = 'splits/harmful_test.json';
export const HARMLESS_SPLIT = 'splits/harmless_test.json';
/** Seed of the draw (fixed: part of the data set's definition, not of a run). Harmful uses it, harmless it + 1. */
export const HARMFUL_HARMLESS_SEED = 20240611;

/** One instruction of a split. */
export interface Instruction {
  text: string;
  /** The source's harm category, or null (Alpaca, AdvBench…). */
  category: string | null;
}

/** The balanced harmful and harmless instructions and where they came from. */
export interface HarmfulHarmless {
  harmful: Instruction[];
  harmless: Instruction[];
  files: { harmful: string; harmless: string };
  /** Per class: instructions in the split, distinct ones, and how many were kept. */
  counts: { harmful: ClassCounts; harmless: ClassCounts };
  seed: number;
  dataset: { id: string; checksum: string };
}

/** How many instructions a class had, how many were distinct, and how many were kept. */
export interface ClassCounts {
  inFile: number;
  distinct: number;
  kept: number;
}

/** perClass: instructions kept per class (default: the smaller class's distinct count); seed: of the draw. */
export interface HarmfulHarmlessOptions {
  perClass?: number;
  seed?: number;
}

/**
 * Verify the data set, read both test splits, drop repeated texts (first occurrence kept), and draw each class
 * down to `perClass` (sampleIndices; file order kept). Defaults: 562 harmful (572 minus 10 repeats) and 562 harmless.
 */
export function loadHarmfulHarmless(options: HarmfulHarmlessOptions = {}): HarmfulHarmless {
  const checksum = verifyDataset(HARMFUL_HARMLESS_DATASET);
  const seed = options.seed ?? HARMFUL_HARMLESS_SEED;
  const harmfulAll = readInstructionSplit(datasetFile(HARMFUL_HARMLESS_DATASET, HARMFUL_SPLIT));
  const harmlessAll = readInstructionSplit(datasetFile(HARMFUL_HARMLESS_DATASET, HARMLESS_SPLIT));
  const harmful = distinct(harmfulAll);
  const harmless = distinct(harmlessAll);
  const perClass = options.perClass ?? Math.min(harmful.length, harmless.length);
  if (!Number.isInteger(perClass) || perClass < 2 || perClass > Math.min(harmful.length, harmless.length)) {
    throw new InputError(`instructions per class must be a whole number from 2 to ${Math.min(harmful.length, harmless.length)}, got ${perClass}`, { file: '--per-class' });
  }
  const keep = (items: Instruction[], s: number) => (items.length > perClass ? sampleIndices(items.length, perClass, s).map((i) => items[i]) : items);
  const keptHarmful = keep(harmful, seed);
  const keptHarmless = keep(harmless, seed + 1);
  return {
    harmful: keptHarmful,
    harmless: keptHarmless,
    files: { harmful: HARMFUL_SPLIT, harmless: HARMLESS_SPLIT },
    counts: {
      harmful: { inFile: harmfulAll.length, distinct: harmful.length, kept: keptHarmful.length },
      harmless: { inFile: harmlessAll.length, distinct: harmless.length, kept: keptHarmless.length },
    },
    seed,
    dataset: { id: HARMFUL_HARMLESS_DATASET, checksum },
  };
}

/** k of the indices 0..n−1: the first k of createRng(seed).permutation(n), in ascending order. */
export function sampleIndices(n: number, k: number, seed: number): number[] {
  return Array.from(createRng(seed).permutation(n).subarray(0, k)).sort((a, b) => a - b);
}

/** Read a split: a JSON array of {"instruction": non-empty string, "category": string or null}; InputError naming the entry otherwise. */
export function readInstructionSplit(path: string): Instruction[] {
  const json = readJson(path);
  if (!Array.isArray(json)) throw new InputError('expected a JSON array of {"instruction", "category"} objects', { file: path });
  return json.map((entry: unknown, i) => {
    const where = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InputError(`${where} is not an object`, { file: path });
    const { instruction, category } = entry as Record<string, unknown>;
    if (typeof instruction !== 'string' || instruction.trim() === '') throw new InputError(`${where}: "instruction" should be a non-empty string`, { file: path });
    if (category !== undefined && category !== null && typeof category !== 'string') throw new InputError(`${where}: "category" should be a string or null`, { file: path });
    return { text: instruction, category: typeof category === 'string' ? category : null };
  });
}

/** The instructions with repeated texts dropped (first occurrence kept). */
function distinct(items: readonly Instruction[]): Instruction[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.text) ? false : (seen.add(item.text), true)));
}
