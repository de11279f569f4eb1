// Model options that only some models use: given with another model they would be silently ignored, so they are refused.
import { UsageError } from './args.ts';
import type { ModelChoice } from './model-options.ts';

/** UsageError when --pooling is given for a model other than hf: (the only models that pool tokens or patches). */
export function refuseModelOptionsOutsideHf(verb: string, choice: ModelChoice): void {
  if (choice.pooling !== undefined && !choice.id.startsWith('hf:')) {
    throw new UsageError(verb, `--pooling applies to hf: models; ${choice.id} has nothing to pool`);
  }
}

/** UsageError when --rating-column is given for a model other than recorded:<file> (the option picks that file's column). */
export function refuseRatingColumnOutsideRecorded(verb: string, choice: ModelChoice, ratingColumn: string | boolean | undefined, instead: string): void {
  if (ratingColumn !== undefined && !choice.id.startsWith('recorded:')) {
    throw new UsageError(verb, `--rating-column picks the column of a recorded:<file> model; ${choice.id} is not one (${instead})`);
  }
}
