// The shapes of the OpenAI rater: its options, its answers and its interface.
import type { AnswerStore } from '../answer-store.ts';
import type { RaterUsage } from '../word-model.ts';
import type { LikertScale } from './scales.ts';
import type { RaterSharing } from './sharing.ts';

/** How an answer was read: from the answer token's log-probabilities, from the text, or not at all. */
export type AnswerMethod = 'logprobs' | 'parsed' | 'none';

/** What every answer carries besides its reading. */
export interface AnswerBase {
  method: AnswerMethod;
  /** The answer text as the model wrote it. */
  text: string;
  /** The prompt template id and version, e.g. 'rate-word.v1'. */
  template: string;
  promptTokens: number;
  completionTokens: number;
  /** true when the answer came from the store rather than the endpoint. */
  cached: boolean;
}

/** A rating: the expected value over the valid answer tokens (method 'logprobs'), the number written ('parsed'), or NaN ('none'). */
export interface RatingAnswer extends AnswerBase {
  value: number;
  /** Probability of each valid rating (renormalised), with method 'logprobs'. */
  distribution?: Record<string, number>;
}

/** An odd-one-out choice: the most probable letter ('tie' when tied), or 'none' when unreadable. */
export interface ChoiceAnswer extends AnswerBase {
  choice: 'A' | 'B' | 'C' | 'tie' | 'none';
  /** The chosen word (absent for 'tie' and 'none'). */
  word?: string;
  /** Renormalised probabilities of A, B, C, with method 'logprobs'. */
  probabilities?: { A: number; B: number; C: number };
}

/** Options of createOpenAiRater. */
export interface OpenAiRaterOptions {
  /** The model name the endpoint knows, e.g. 'gpt-4o-mini'. */
  model: string;
  /** Default: OPENAI_BASE_URL, else https://api.openai.com/v1. */
  baseURL?: string;
  /** Default: OPENAI_API_KEY; missing → InputError on '--model'. */
  apiKey?: string;
  /** Where answers are kept the moment they arrive; a stored answer is never asked again. */
  store: AnswerStore;
  /** Requests in flight at once, over all calls of this rater (default 4). */
  concurrency?: number;
  /** Per attempt, until the whole body is read (default 60 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 6). */
  maxRetries?: number;
  /** Backoff cap of the first retry and the largest cap, ms (defaults 500 and 30 000); full jitter below the cap. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** US dollars per million tokens, for usage().cost. */
  prices?: { inputPerMillion: number; outputPerMillion: number };
  /** Uniform [0, 1) source for the backoff jitter (default Math.random). */
  random?: () => number;
  /** Receives retry and progress lines. */
  log?: (line: string) => void;
  /** Aborting stops new requests and cancels those in flight; answers already stored stay. */
  signal?: AbortSignal;
  /**
   * Limits and answers shared with other raters (the workers of a sweep): every HTTP attempt also waits for the
   * shared limiter (inside this rater's own `concurrency`), an answer missing from `store` is looked up in the
   * shared answers before it is asked, and a fresh answer goes to both. Absent: nothing is shared.
   */
  sharing?: RaterSharing;
}

/** Totals since the rater was made: HTTP requests sent (retries included), answers served from the store, fresh tokens, cost. */
export type { RaterUsage };

/** Called after each item of a batch with the number done and the total. */
export type Progress = (done: number, total: number) => void;

/** A chat model as a rating participant. */
export interface OpenAiRater {
  /** 'openai:<model>'. */
  readonly id: string;
  readonly model: string;
  readonly baseURL: string;
  /** sha256 of model, base URL, template and scale-file hashes: for cache keys upstream. */
  readonly revision: string;
  /** Rate a word on a scale (a scale object or an id such as 'glasgow:valence'). */
  rateWord(word: string, scale: LikertScale | string): Promise<RatingAnswer>;
  /** Rate the similarity of two words, 0–100. */
  ratePair(a: string, b: string): Promise<RatingAnswer>;
  /** Which of three words is the odd one out (A, B or C). */
  oddOneOut(a: string, b: string, c: string): Promise<ChoiceAnswer>;
  /** Rate many words under the concurrency limit; on the first failure no new item starts, and once the rest settle it throws. */
  rateWords(words: readonly string[], scale: LikertScale | string, onProgress?: Progress): Promise<RatingAnswer[]>;
  /** Rate many pairs likewise. */
  ratePairs(pairs: readonly (readonly [string, string])[], onProgress?: Progress): Promise<RatingAnswer[]>;
  /** Answer many triplets likewise. */
  oddOneOuts(triplets: readonly (readonly [string, string, string])[], onProgress?: Progress): Promise<ChoiceAnswer[]>;
  usage(): RaterUsage;
}
