// The rating scales of the shipped norms (prompts/scales.v1.json): the human study's instructions
// (paraphrased), its scale ends and the answer format, by id ('glasgow:valence', 'kuperman:aoa', …).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/input-error.ts';

/** A rating scale a model answers on: whole numbers from min to max. */
export interface LikertScale {
  /** 'glasgow:valence', 'brysbaert:concreteness', 'kuperman:aoa', … (the norms set id). */
  id: string;
  /** The registry dataset and the column of human means it matches. */
  dataset: string;
  column: string;
  /** 'likert': a rating scale; 'years': an age in years (Kuperman), not a Likert scale. */
  kind: 'likert' | 'years';
  min: number;
  max: number;
  /** What the raters were told the dimension means (our paraphrase). */
  instructions: string;
  /** Labels of scale points, e.g. { '1': 'very negative', '9': 'very positive' }. */
  anchors: Record<string, string>;
  /** Shown instead of the anchors when there are none (e.g. 'an age in years'). */
  scaleText?: string;
  /** The answer-format sentence that ends the prompt. */
  answer: string;
}

const FILE = new URL('../../../prompts/scales.v1.json', import.meta.url);

/** The scales file's name and version, as they go into answers and cache keys. */
export const SCALES_FILE = 'scales.v1.json';

const text = readFileSync(FILE, 'utf8');

/** sha256 of scales.v1.json (part of the rater's revision). */
export const SCALES_SHA256 = createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex');

/** Every shipped scale, in file order. */
export const LIKERT_SCALES: readonly LikertScale[] = parseScales(text);

/** The scale with this id; 'glasgow871:<dim>' (the sense entries) uses 'glasgow:<dim>'. InputError otherwise. */
export function getScale(id: string): LikertScale {
  const key = id.startsWith('glasgow871:') ? `glasgow:${id.slice('glasgow871:'.length)}` : id;
  const scale = LIKERT_SCALES.find((s) => s.id === key);
  if (!scale) throw new InputError(`unknown rating scale '${id}'; known: ${LIKERT_SCALES.map((s) => s.id).join(', ')}`, { file: '--scale' });
  return scale;
}

/** Check a scale given by a caller (integers, min < max, texts present); returns it. */
export function checkScale(scale: LikertScale): LikertScale {
  const ok =
    typeof scale.id === 'string' &&
    Number.isSafeInteger(scale.min) &&
    Number.isSafeInteger(scale.max) &&
    scale.min < scale.max &&
    typeof scale.instructions === 'string' &&
    typeof scale.answer === 'string' &&
    typeof scale.anchors === 'object' &&
    scale.anchors !== null;
  if (!ok) throw new Error(`rating scale '${String(scale.id)}' is malformed: it needs id, integer min < max, instructions, anchors and answer`);
  return scale;
}

function parseScales(json: string): LikertScale[] {
  const parsed = JSON.parse(json) as { scales?: unknown };
  if (!Array.isArray(parsed.scales)) throw new Error(`${SCALES_FILE}: no "scales" array`);
  return parsed.scales.map((s) => checkScale(s as LikertScale));
}
