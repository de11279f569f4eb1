// Reading a chat answer: the rating as the probability-weighted mean over the answer tokens' top
// log-probabilities (renormalised over the valid ones), or the choice A/B/C; the answer text as fallback.

/** One alternative token at an answer position, with its natural-log probability. */
export interface TopToken {
  token: string;
  logprob: number;
}

/** One generated token with its alternatives (the `logprobs.content` items of a chat completion). */
export interface TokenPosition {
  token: string;
  logprob?: number;
  top_logprobs?: TopToken[] | null;
}

/** A distribution over answers (probabilities summing to 1) and its expected value. */
export interface ReadRating {
  value: number;
  distribution: Record<string, number>;
}

/** Choice probabilities over A, B, C and the most probable letter ('tie' when two or more share the top). */
export interface ReadChoice {
  choice: 'A' | 'B' | 'C' | 'tie';
  probabilities: { A: number; B: number; C: number };
}

const INTEGER = /^(?:0|[1-9]\d*)$/;

/** The first position whose token holds a letter or digit (skips leading spaces, newlines, quotes, '**'). */
export function firstAnswerPosition(content: readonly TokenPosition[] | null | undefined): TokenPosition | undefined {
  return content?.find((p) => /[\p{L}\p{N}]/u.test(p.token));
}

/**
 * The expected rating over the tokens of `top` that are whole numbers in [min, max] (surrounding
 * whitespace ignored; ' 5' and '5' pool), probabilities renormalised over those tokens; undefined
 * when none qualifies.
 */
export function ratingFromTop(top: readonly TopToken[], min: number, max: number): ReadRating | undefined {
  const mass = new Map<number, number>();
  let total = 0;
  for (const { token, logprob } of top) {
    const t = token.trim();
    if (!INTEGER.test(t)) continue;
    const n = Number(t);
    const p = Math.exp(logprob);
    if (n < min || n > max || !(p > 0)) continue;
    mass.set(n, (mass.get(n) ?? 0) + p);
    total += p;
  }
  if (total === 0) return undefined;
  let value = 0;
  const distribution: Record<string, number> = {};
  for (const n of [...mass.keys()].sort((a, b) => a - b)) {
    const q = (mass.get(n) as number) / total;
    distribution[String(n)] = q;
    value += n * q;
  }
  return { value, distribution };
}

/** The first number written in `text` when it lies in [min, max]; undefined otherwise (e.g. 'x', 'I cannot'). */
export function parseRating(text: string, min: number, max: number): number | undefined {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  if (!m) return undefined;
  const n = Number(m[0]);
  return n >= min && n <= max ? n : undefined;
}

/** Probabilities of the tokens A, B, C in `top` (whitespace ignored), renormalised; undefined when none appears. */
export function choiceFromTop(top: readonly TopToken[]): ReadChoice | undefined {
  const mass = { A: 0, B: 0, C: 0 };
  for (const { token, logprob } of top) {
    const t = token.trim();
    if (t === 'A' || t === 'B' || t === 'C') mass[t] += Math.exp(logprob);
  }
  const total = mass.A + mass.B + mass.C;
  if (!(total > 0)) return undefined;
  const probabilities = { A: mass.A / total, B: mass.B / total, C: mass.C / total };
  const best = Math.max(probabilities.A, probabilities.B, probabilities.C);
  const top3 = (['A', 'B', 'C'] as const).filter((k) => probabilities[k] === best);
  return { choice: top3.length === 1 ? top3[0] : 'tie', probabilities };
}

/**
 * The letter a text answer names: a leading 'A'/'(B)'/'C.'; else the one of `words` it names alone;
 * else the only standalone capital A, B or C in it. undefined when it names none or several.
 */
export function parseChoice(text: string, words: readonly [string, string, string]): 'A' | 'B' | 'C' | undefined {
  const letters = ['A', 'B', 'C'] as const;
  const t = text.replace(/[*_`"']/g, '').trim();
  const lead = /^\(?([ABC])(?:$|[\s.:)\],;])/.exec(t);
  if (lead) return lead[1] as 'A' | 'B' | 'C';
  const lower = t.toLowerCase();
  const named = letters.filter((_, i) => new RegExp(`(^|[^\\p{L}])${escape(words[i].toLowerCase())}($|[^\\p{L}])`, 'u').test(lower));
  if (named.length === 1) return named[0];
  const standalone = new Set(t.match(/\b[ABC]\b/g) ?? []);
  return standalone.size === 1 ? ([...standalone][0] as 'A' | 'B' | 'C') : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
