// A data set's published human agreement on a score, as details.reference_ceiling: shown beside the value,
// never divided into it.
import { referenceCeilingFor } from '../data/datasets/reference-ceilings.ts';
import type { Score } from '../measures/score.ts';

/** Why a reference ceiling is shown but does not set `normalized`, for the method texts. */
export const REFERENCE_CEILING_NOTE =
  'Reference ceiling (details.reference_ceiling, only where the data set\u2019s authors published inter-rater agreement: SimLex-999, ' +
  'MTurk-771): the published figure with what it correlates and its source. It is not a noise ceiling and does not set normalized: ' +
  'it is not on the value\u2019s scale, because the value correlates the model with the mean of all raters over every item, whereas ' +
  'the figure correlates one rater with the others (or two half-groups\u2019 means), each resting on fewer ratings, so a model can ' +
  'pass it without out-agreeing the raters.';

/** The score with details.reference_ceiling when set `setId` has a published figure; the same score otherwise. Leaves ceiling and normalized alone. */
export function withReferenceCeiling(score: Score, setId: string): Score {
  const reference = referenceCeilingFor(setId);
  if (!reference) return score;
  return { ...score, details: { ...score.details, reference_ceiling: { ...reference } } };
}
