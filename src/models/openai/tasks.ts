// The three questions a chat model answers as a participant: the prompt, what identifies the item in
// the cache key, and how the reply is read (log-probabilities first, the text as fallback).
import type { ChatReply } from './chat.ts';
import { choiceFromTop, firstAnswerPosition, parseChoice, parseRating, ratingFromTop } from './read-answer.ts';
import type { LikertScale } from './scales.ts';
import { loadTemplate, renderTemplate, TEMPLATE_IDS, wordPromptValues, type PromptTemplate } from './templates.ts';
import type { ChoiceAnswer, RatingAnswer } from './types.ts';

/** One question: its task name, template, prompt, the item as it enters the cache key, and the reader of its reply. */
export interface Task<A> {
  task: 'rate-word' | 'rate-pair' | 'odd-one-out';
  template: PromptTemplate;
  prompt: string;
  item: unknown;
  /** A short label for log lines. */
  label: string;
  read(reply: ChatReply): Omit<A, 'cached'>;
}

/** The Likert (or age) rating of `word` on `scale`, via rate-word.v1. */
export function wordTask(word: string, scale: LikertScale): Task<RatingAnswer> {
  const template = loadTemplate(TEMPLATE_IDS.word);
  return {
    task: 'rate-word',
    template,
    prompt: renderTemplate(template, wordPromptValues(word, scale)),
    item: { word, scale },
    label: `'${word}' on ${scale.id}`,
    read: (reply) => readRating(reply, template.id, scale.min, scale.max),
  };
}

/** The 0–100 similarity of a word pair, via rate-pair.v1 (Turing RSA). */
export function pairTask(a: string, b: string): Task<RatingAnswer> {
  const template = loadTemplate(TEMPLATE_IDS.pair);
  return {
    task: 'rate-pair',
    template,
    prompt: renderTemplate(template, { a, b }),
    item: { a, b },
    label: `'${a}'–'${b}'`,
    read: (reply) => readRating(reply, template.id, 0, 100),
  };
}

/** The odd one out of three words, via odd-one-out.v1. */
export function oddOneOutTask(a: string, b: string, c: string): Task<ChoiceAnswer> {
  const template = loadTemplate(TEMPLATE_IDS.oddOneOut);
  const words: [string, string, string] = [a, b, c];
  return {
    task: 'odd-one-out',
    template,
    prompt: renderTemplate(template, { a, b, c }),
    item: { a, b, c },
    label: `'${a}', '${b}', '${c}'`,
    read: (reply) => readChoice(reply, template.id, words),
  };
}

/** A rating from the first answer position's top log-probabilities, else the text, else NaN. */
export function readRating(reply: ChatReply, template: string, min: number, max: number): Omit<RatingAnswer, 'cached'> {
  const base = { text: reply.text, template, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens };
  const top = firstAnswerPosition(reply.content)?.top_logprobs;
  const fromLogprobs = top ? ratingFromTop(top, min, max) : undefined;
  if (fromLogprobs) return { ...base, value: fromLogprobs.value, method: 'logprobs', distribution: fromLogprobs.distribution };
  const parsed = parseRating(reply.text, min, max);
  if (parsed !== undefined) return { ...base, value: parsed, method: 'parsed' };
  return { ...base, value: NaN, method: 'none' };
}

/** A choice from the first answer position's top log-probabilities over A/B/C, else the text, else 'none'. */
export function readChoice(reply: ChatReply, template: string, words: [string, string, string]): Omit<ChoiceAnswer, 'cached'> {
  const base = { text: reply.text, template, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens };
  const wordOf = (c: string): string | undefined => (c === 'A' ? words[0] : c === 'B' ? words[1] : c === 'C' ? words[2] : undefined);
  const top = firstAnswerPosition(reply.content)?.top_logprobs;
  const fromLogprobs = top ? choiceFromTop(top) : undefined;
  if (fromLogprobs) {
    const word = wordOf(fromLogprobs.choice);
    return { ...base, choice: fromLogprobs.choice, ...(word === undefined ? {} : { word }), method: 'logprobs', probabilities: fromLogprobs.probabilities };
  }
  const parsed = parseChoice(reply.text, words);
  if (parsed !== undefined) return { ...base, choice: parsed, word: wordOf(parsed), method: 'parsed' };
  return { ...base, choice: 'none', method: 'none' };
}
