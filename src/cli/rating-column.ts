// Which column of a recorded model holds its rating: the one the user named, else the file's last column.
import type { RecordedModel } from '../models/word-model.ts';
import { UsageError } from './args.ts';

/** The rating column to read from a recorded model (--rating-column, default its last column). */
export function ratingColumn(verb: string, model: RecordedModel, requested: string | boolean | undefined): string {
  if (typeof requested === 'string') {
    if (!model.columns.includes(requested)) {
      throw new UsageError(verb, `--rating-column '${requested}' is not a column of ${model.id} (columns: ${model.columns.join(', ')})`);
    }
    return requested;
  }
  const last = model.columns[model.columns.length - 1];
  if (last === undefined) throw new UsageError(verb, `${model.id} has no rating column`);
  return last;
}
