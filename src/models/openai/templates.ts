// Versioned prompt templates (prompts/<name>.v<N>.txt at the package root) with {placeholders}.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LikertScale } from './scales.ts';

/** A loaded template: 'rate-word.v1', its text (line ends normalised to \n) and the sha256 of that text. */
export interface PromptTemplate {
  id: string;
  text: string;
  sha256: string;
}

/** The templates the OpenAI rater uses. */
export const TEMPLATE_IDS = { word: 'rate-word.v1', pair: 'rate-pair.v1', oddOneOut: 'odd-one-out.v1' } as const;

const cache = new Map<string, PromptTemplate>();

/** Load prompts/<id>.txt once; CRLF checkouts give the same text and hash as LF ones. */
export function loadTemplate(id: string): PromptTemplate {
  const hit = cache.get(id);
  if (hit) return hit;
  const text = readFileSync(new URL(`../../../prompts/${id}.txt`, import.meta.url), 'utf8').replace(/\r\n?/g, '\n');
  const template = { id, text, sha256: createHash('sha256').update(text).digest('hex') };
  cache.set(id, template);
  return template;
}

/**
 * Fill every {name} in the template from `values`, in one pass (a value containing braces is not
 * expanded again). A placeholder without a value, or a value the template never uses, is an Error.
 */
export function renderTemplate(template: PromptTemplate, values: Record<string, string>): string {
  const used = new Set<string>();
  const out = template.text.replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt template ${template.id}: no value for {${name}}`);
    used.add(name);
    return value;
  });
  for (const name of Object.keys(values)) {
    if (!used.has(name)) throw new Error(`prompt template ${template.id} has no {${name}} placeholder`);
  }
  return out.trimEnd();
}

/** The scale part of a rate-word prompt: one 'N = label' line per anchor (in numeric order), else scaleText. */
export function scaleLines(scale: LikertScale): string {
  const points = Object.keys(scale.anchors).sort((a, b) => Number(a) - Number(b));
  if (points.length === 0) return scale.scaleText ?? `whole numbers from ${scale.min} to ${scale.max}`;
  return points.map((p) => `${p} = ${scale.anchors[p]}`).join('\n');
}

/** The values of rate-word.v1's placeholders for a word on a scale. */
export function wordPromptValues(word: string, scale: LikertScale): Record<string, string> {
  return { instructions: scale.instructions, anchors: scaleLines(scale), word, answer: scale.answer };
}
