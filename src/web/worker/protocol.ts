// Messages between the "Analyse your data" page and its Web Worker.

/** Dissimilarities of `attune rdm`. */
export const RDM_METHODS = ['euclidean', 'correlation', 'cosine'] as const;
/** Comparison methods of `attune compare` (src/measures/compare.ts COMPARE_METHODS). */
export const COMPARE_CHOICES = ['spearman', 'rho-a', 'tau-a', 'kendall', 'corr', 'cosine'] as const;

export type RdmChoice = (typeof RDM_METHODS)[number];
export type CompareChoice = (typeof COMPARE_CHOICES)[number];

/** A file the user chose: its name and bytes. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** One analysis, as the CLI verb with the same options would run it. */
export type AnalysisRequest =
  | { op: 'rdm'; files: [InputFile]; method: RdmChoice }
  | { op: 'compare'; files: [InputFile, InputFile]; method: CompareChoice; permutations: number; bootstrap: number; seed: number }
  | { op: 'cka'; files: [InputFile, InputFile]; debiased: boolean };

/** What an analysis gives: the CLI's JSON fields that the page shows. */
export interface AnalysisResult {
  measure: string;
  value: number;
  n: number;
  p?: number;
  ci95?: [number, number];
  /** rdm: the condensed RDM (strict upper triangle, row-major) and its stimulus count. */
  rdm?: Float64Array;
  stimuli?: number;
  /** Shapes of the inputs, e.g. '92×100'. */
  shapes: string[];
  warnings?: string[];
  /**
   * The CLI would run some matrix product of this input on onnxruntime-node (≥ 2·10⁶ multiply-adds), whose last
   * bits may differ from the TypeScript kernel's; `ATTUNE_BACKEND=ts attune …` then gives the page's value exactly.
   */
  largeProducts?: boolean;
}

/** Worker reply to the request with the same id. */
export type AnalysisReply = { id: number; ok: true; result: AnalysisResult } | { id: number; ok: false; error: string };
