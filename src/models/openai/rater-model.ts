// `openai:<model>` as a WordModel of kind 'rater': the OpenAI rater with its settings from the environment.
import { InputError } from '../../core/input-error.ts';
import type { AnswerStore } from '../answer-store.ts';
import type { RaterModel } from '../word-model.ts';
import { createOpenAiRater } from './rater.ts';
import { LIKERT_SCALES } from './scales.ts';
import type { RaterSharing } from './sharing.ts';

/**
 * The rater for `openai:<model>`. Base URL and key come from OPENAI_BASE_URL and OPENAI_API_KEY; from the
 * environment too: ATTUNE_OPENAI_CONCURRENCY (requests at once, default 4), ATTUNE_OPENAI_TIMEOUT (seconds
 * per attempt, default 60), ATTUNE_OPENAI_RETRIES (default 6), ATTUNE_OPENAI_PRICES ('<input>,<output>'
 * dollars per million tokens). `onProgress` is used by batches that pass none; `sharing`: limits and answers shared
 * with other raters (a sweep's workers).
 */
export function openAiModel(
  model: string, store: AnswerStore, log?: (line: string) => void, onProgress?: (done: number, total: number) => void, env: NodeJS.ProcessEnv = process.env,
  sharing?: RaterSharing,
): RaterModel {
  const concurrency = positive(env, 'ATTUNE_OPENAI_CONCURRENCY', true);
  const timeout = positive(env, 'ATTUNE_OPENAI_TIMEOUT', false);
  const retries = env.ATTUNE_OPENAI_RETRIES === '0' ? 0 : positive(env, 'ATTUNE_OPENAI_RETRIES', true);
  const rater = createOpenAiRater({
    model, store, concurrency, timeoutMs: timeout === undefined ? undefined : timeout * 1000, maxRetries: retries,
    prices: prices(env.ATTUNE_OPENAI_PRICES), log, ...(sharing ? { sharing } : {}),
  });
  return {
    kind: 'rater',
    id: rater.id,
    revision: rater.revision,
    scaleIds: LIKERT_SCALES.map((s) => s.id),
    rateWords: async (words, scale, progress = onProgress) => (await rater.rateWords(words, scale, progress)).map((a) => ({ value: a.value, method: a.method })),
    ratePairs: async (pairs, progress = onProgress) => (await rater.ratePairs(pairs, progress)).map((a) => ({ value: a.value, method: a.method })),
    usage: () => rater.usage(),
  };
}

function prices(text: string | undefined): { inputPerMillion: number; outputPerMillion: number } | undefined {
  if (text === undefined || text === '') return undefined;
  const [input, output] = text.split(',').map(Number);
  if (!(input >= 0) || !(output >= 0)) throw new InputError(`ATTUNE_OPENAI_PRICES must be '<input>,<output>' dollars per million tokens, not '${text}'`, { file: 'ATTUNE_OPENAI_PRICES' });
  return { inputPerMillion: input, outputPerMillion: output };
}

function positive(env: NodeJS.ProcessEnv, name: string, integer: boolean): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new InputError(`${name} must be a positive ${integer ? 'integer' : 'number'}, not '${text}'`, { file: name });
  return value;
}
