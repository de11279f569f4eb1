// Normalisation that accounts for chance: how far the score climbs from chance towards its ceiling.
import type { Ceiling, Score } from '../measures/score.ts';

/** How a chance-corrected `normalized` is computed, as recorded on the score. */
export const CHANCE_NORMALIZATION = '(value - chance) / (ceiling - chance)';

/**
 * The score with its ceiling, details.chance and normalized = (value − chance) / (ceiling.value − chance):
 * 0 at chance, 1 at the ceiling; undefined when the ceiling does not lie above chance.
 */
export function withChanceCeiling(score: Score, ceiling: Ceiling, chance: number): Score {
  const span = ceiling.value - chance;
  const normalized = Number.isFinite(span) && span > 0 ? (score.value - chance) / span : undefined;
  return { ...score, ceiling, normalized, details: { ...score.details, chance, normalization: CHANCE_NORMALIZATION } };
}
