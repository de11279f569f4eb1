// Attune's public library API (`import { … } from 'attune'`): the matrix type, the measures, the readers and the
// runner, re-exported from the layers below. A shell: nothing is defined here, and nothing the CLI needs is pulled in.

// Matrices (row-major typed arrays with a shape) and the seeded random source.
export { matrix, fromRows, toRows, transpose, type Matrix, type FloatArray } from './core/matrix.ts';
export { createRng, type Rng } from './core/random.ts';

// Errors: bad input names its file, line and column (InputError) or the measure's complaint (InvalidInputError).
export { InputError, type InputLocation } from './core/input-error.ts';
export { InvalidInputError, InvalidRdmError } from './measures/errors.ts';

// Every measure returns a Score: value, measure id with its parameters, n, and ci95, p, ceiling, normalized where they apply.
export { withCeiling, type Score, type Ceiling } from './measures/score.ts';
export { MEASURES, type MeasureEntry } from './measures/catalog.ts';

// RSA: RDMs, their comparison with inference, noise ceilings, topological RSA.
// `rdm` is rdmVector under the short name the README uses: the strict upper triangle, row-major, of the RDM.
export { rdmVector, rdmVector as rdm, type RdmMethod, type RdmOptions, type Precision } from './measures/rdm.ts';
export { crossnobisRdm, type CrossnobisOptions } from './measures/crossnobis.ts';
export { condense, squareform, pairCount, stimulusCount } from './measures/rdm-vector.ts';
export { compareRdms, COMPARE_METHODS, type CompareMethod } from './measures/compare.ts';
export {
  compareRdmsWithInference, permutationTest, bootstrapOverStimuli,
  type RdmInferenceOptions, type PermutationResult, type BootstrapResult,
} from './measures/rdm-inference.ts';
export { rdmNoiseCeiling, poolRdms, type RdmNoiseCeiling } from './measures/noise-ceiling.ts';
export { geotopologicalTransform } from './measures/geotopological.ts';
export { compareRdmsOnSharedPairs } from './measures/compare-shared-pairs.ts';
export { adjustPValues, bonferroni, benjaminiHochberg, CORRECTIONS, type Correction } from './measures/multiple-comparisons.ts';
export { classicalMds, kruskalStress, type ClassicalMds } from './measures/mds.ts';

// Model–model similarity: CKA, SVCCA/PWCCA, Procrustes, mutual k-NN and CKNNA.
export { linearCka, linearCkaDebiased, rbfCka, type LinearCkaOptions, type RbfCkaOptions } from './measures/cka.ts';
export { svcca, pwcca, type SvccaOptions, type PwccaOptions } from './measures/cca.ts';
export { procrustesDistance, procrustesAngular, type ProcrustesOptions } from './measures/procrustes.ts';
export { mutualKnn, cycleKnn, cknna, type KnnOptions } from './measures/knn.ts';
// The same measures by id, as `attune similarity --measure` and each Score's `measure` field name them.
export { parsePairMeasure, runPairMeasure, type PairMeasure } from './measures/pair-measure.ts';

// Encoding: cross-validated ridge (one alpha per target), plain ridge, and split-half reliability ceilings.
// `ridgeEncode` is encodingScore: cross-validated ridge from features to targets, Pearson r of held-out predictions.
export { encodingScore, encodingScore as ridgeEncode, heldOutPredictions, type EncodeOptions, type HeldOutPredictions } from './measures/encode.ts';
export { ridgeCv, DEFAULT_ALPHAS, type RidgeCvOptions, type RidgeCvResult } from './measures/ridge-cv.ts';
export { ridgeLoo, looEncodingScore, type RidgeLooOptions, type RidgeLooResult, type LooEncodingOptions } from './measures/ridge-loo.ts';
export { ridge, predict, type RidgeFit, type RidgeOptions } from './measures/ridge.ts';
export { splitHalfReliability, spearmanBrown, reliabilityCeiling, type SplitHalfOptions } from './measures/reliability.ts';

// Readers: matrices from CSV/TSV/.npy/.npz, RDM files, MATLAB files, word pairs and norms.
export { readMatrix, type ReadMatrixResult, type ReadMatrixOptions, type MatrixSource } from './data/read-matrix.ts';
export { readRdmFile, type RdmInput } from './benchmarks/rdm-input.ts';
export { readSubjectRdms, type SubjectRdms } from './benchmarks/subject-rdms-input.ts';
export { parseNpy, isNpy, type NpyArray } from './data/npy.ts';
export { readNpz, parseNpz } from './data/npz.ts';
export { readMat, parseMat, matToMatrix, type MatValue } from './data/mat.ts';
export { readMat73Variable, listMat73Variables, type Mat73Array } from './data/mat73.ts';
export { readWordPairs, type WordPair, type WordPairs, type WordPairColumns } from './data/word-pairs.ts';
export { readNorms, type NormsTable } from './data/norms-file.ts';

// Candidate RDMs against subjects (`attune evaluate`): bootstrap CIs, the noise ceiling, pairwise tests with corrections.
export { evaluateRdmCandidates, type CandidateEvaluation } from './benchmarks/rdm-candidate-tests.ts';

// The runner (`attune run` as a function): run a suite, print its scorecard, write results.json and report.html.
export { runSuite, type RunOptions } from './run/runner.ts';
// Sweeps (`attune run --model A --model B`, `attune sweep FILE`): every model on every suite, one results document.
export { runSweep, type SweepOptions } from './run/sweep.ts';
export type { ModelSpec, SweepSpec } from './run/sweep-spec.ts';
export { readSweepFile } from './run/sweep-file.ts';
export type { RunResults, BenchmarkResult } from './run/results.ts';
export { SUITES, type Suite } from './benchmarks/suites.ts';
export { formatScorecard } from './report/scorecard.ts';
export { toolVersion } from './run/tool-version.ts';
