// `openai:<model>`: any OpenAI-compatible chat endpoint as a rating participant. Every answer is
// stored the moment it arrives (keyed by task, template hash, model, base URL, parameters, item) and
// never asked again; requests run under one concurrency limit per rater, and with `sharing` also under
// limits and an answer store shared with other raters (the workers of a sweep).
import { InputError } from '../../core/input-error.ts';
import { answerKey } from './answer-key.ts';
import { createChatClient, type ChatParameters } from './chat.ts';
import { createLimiter } from './limiter.ts';
import { checkScale, getScale, SCALES_SHA256, type LikertScale } from './scales.ts';
import { oddOneOutTask, pairTask, wordTask, type Task } from './tasks.ts';
import { loadTemplate, TEMPLATE_IDS } from './templates.ts';
import type { AnswerBase, ChoiceAnswer, OpenAiRater, OpenAiRaterOptions, Progress, RatingAnswer } from './types.ts';
import { runBatch } from './batch.ts';
import type { RaterSharing } from './sharing.ts';

/** The parameters of every request: deterministic decoding, the top 20 alternatives of each answer token. */
export const CHAT_PARAMETERS: ChatParameters = { temperature: 0, max_tokens: 8, logprobs: true, top_logprobs: 20 };

/** The store `kind` of an answer. */
export const ANSWER_KIND = 'openai:answer';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** A rater for `options.model`; InputError on '--model' when the model name or the API key is missing. */
export function createOpenAiRater(options: OpenAiRaterOptions): OpenAiRater {
  const model = options.model.trim();
  if (model === '') throw new InputError("model id 'openai:' needs a model name: openai:<model>", { file: '--model' });
  const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY ?? '';
  if (apiKey === '') {
    throw new InputError(`openai:${model} needs an API key: set OPENAI_API_KEY (and OPENAI_BASE_URL for an endpoint other than OpenAI's)`, { file: '--model' });
  }
  const baseURL = (options.baseURL ?? (process.env.OPENAI_BASE_URL || DEFAULT_BASE_URL)).replace(/\/+$/, '');
  const { store, signal, sharing } = options;
  const chat = createChatClient({
    model,
    baseURL,
    apiKey,
    timeoutMs: options.timeoutMs ?? 60_000,
    retry: {
      maxRetries: options.maxRetries ?? 6,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      random: options.random ?? Math.random,
    },
    signal,
    log: options.log,
    gate: sharing ? (attempt, gateSignal) => sharing.limiter.run(attempt, gateSignal) : undefined,
  });
  const limiter = createLimiter(options.concurrency ?? 4);
  const inFlight = new Map<string, Promise<unknown>>();
  const totals = { cached: 0, promptTokens: 0, completionTokens: 0 };
  const templates = Object.values(TEMPLATE_IDS).map((id) => [id, loadTemplate(id).sha256]);
  const revision = answerKey({ model, baseURL, templates, scales: SCALES_SHA256 });

  /** The answer to `task`: from the store, or asked (once, however many callers want it) and stored. */
  function ask<A extends AnswerBase>(task: Task<A>, mayStart: () => boolean = () => true): Promise<A> {
    const key = answerKey({ task: task.task, template: task.template.sha256, model, baseURL, parameters: CHAT_PARAMETERS, item: task.item });
    const stored = store.getJson<StoredAnswer>(key);
    if (stored !== undefined) {
      totals.cached++;
      return Promise.resolve(fromStored<A>(stored));
    }
    const pending = inFlight.get(key);
    if (pending) return (pending as Promise<A>).catch((e: unknown) => (e instanceof Skipped ? ask(task, mayStart) : Promise.reject(e)));
    const meta = { model, baseURL, task: task.task, template: task.template.id };
    const fresh = limiter
      .run(async () => {
        if (!mayStart()) throw new Skipped();
        if (sharing) {
          const shared = await sharing.answers.get(key);
          if (isStoredAnswer(shared)) {
            store.putJson(key, ANSWER_KIND, shared, meta);
            totals.cached++;
            return fromStored<A>(shared);
          }
        }
        const reply = await chat.ask(task.prompt, CHAT_PARAMETERS, task.label);
        const answer = task.read(reply);
        const stored = toStored(answer);
        store.putJson(key, ANSWER_KIND, stored, meta);
        totals.promptTokens += reply.promptTokens;
        totals.completionTokens += reply.completionTokens;
        if (sharing) await share(sharing, key, stored);
        return { ...answer, cached: false } as A;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, fresh);
    return fresh;
  }

  /** Offer a fresh answer to the other raters; it is already in `store`, so a failure here only costs them a request. */
  async function share(to: RaterSharing, key: string, stored: object): Promise<void> {
    try {
      await to.answers.put(key, stored);
    } catch (error) {
      options.log?.(`openai: the shared answer store refused an answer (${error instanceof Error ? error.message : String(error)}); it stays in this cache`);
    }
  }

  const scaleOf = (scale: LikertScale | string): LikertScale => (typeof scale === 'string' ? getScale(scale) : checkScale(scale));
  const batch = <T, A extends AnswerBase>(items: readonly T[], make: (item: T) => Task<A>, onProgress?: Progress): Promise<A[]> =>
    runBatch(items, (item, mayStart) => ask(make(item), mayStart), onProgress, (e) => e instanceof Skipped);

  return {
    id: `openai:${model}`,
    model,
    baseURL,
    revision,
    rateWord: (word, scale) => ask(wordTask(word, scaleOf(scale))),
    ratePair: (a, b) => ask(pairTask(a, b)),
    oddOneOut: (a, b, c) => ask(oddOneOutTask(a, b, c)),
    rateWords(words, scale, onProgress) {
      const s = scaleOf(scale);
      return batch(words, (w) => wordTask(w, s), onProgress);
    },
    ratePairs: (pairs, onProgress) => batch(pairs, ([a, b]) => pairTask(a, b), onProgress),
    oddOneOuts: (triplets, onProgress) => batch(triplets, ([a, b, c]) => oddOneOutTask(a, b, c), onProgress),
    usage() {
      const { prices } = options;
      const cost = prices ? (totals.promptTokens * prices.inputPerMillion + totals.completionTokens * prices.outputPerMillion) / 1e6 : undefined;
      return { requests: chat.requests, ...totals, ...(cost === undefined ? {} : { cost }) };
    },
  };
}

/** A batch item not started because an earlier one failed. */
class Skipped extends Error {}

/** An answer as stored: JSON has no NaN, so a missing value is null. */
type StoredAnswer = Omit<RatingAnswer, 'cached' | 'value'> & { value?: number | null } & Partial<ChoiceAnswer>;

function toStored(answer: object): object {
  const value = (answer as { value?: number }).value;
  return value === undefined ? answer : { ...answer, value: Number.isNaN(value) ? null : value };
}

/** Whether a value from the shared store looks like a stored answer (an object with a method); anything else counts as missing. */
function isStoredAnswer(value: unknown): value is StoredAnswer {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { method?: unknown }).method === 'string';
}

function fromStored<A>(stored: StoredAnswer): A {
  const out: Record<string, unknown> = { ...stored, cached: true };
  if ('value' in stored) out.value = stored.value ?? NaN;
  return out as A;
}
