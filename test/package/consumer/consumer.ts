// A TypeScript consumer, type-checked with tsc against the installed package's .d.ts files.
import { compareRdms, linearCka, rdm, ridgeEncode, fromRows, type Matrix, type Score, type CompareMethod } from 'attune';

const x: Matrix = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1]]);
const vector: Float64Array = await rdm(x, 'correlation');
const method: CompareMethod = 'tau-a';
const score: Score = compareRdms(vector, vector, method);
const value: number = score.value;
const cka: Promise<Score> = linearCka(x, x, { debiased: true });
const encoded: Promise<Score> = ridgeEncode(x, x, { folds: 2 });
// @ts-expect-error: not a comparison method (the types are real, not any)
compareRdms(vector, vector, 'pearson-ish');
export { value, cka, encoded };
