// The suites `attune run` knows: 'core' (the default: word similarity, norms decoding, recorded GPT-4 ratings),
// 'literature' (the benchmarks of the papers Attune implements) and 'vision' (picture models against the brain).
import { NORM_SETS } from '../data/datasets/norms.ts';
import { WORD_SIMILARITY_SETS } from '../data/datasets/word-similarity.ts';
import type { Benchmark } from './benchmark.ts';
import type { Rdm92Candidate } from './rdm92.ts';
import { rdm92Benchmarks } from './rdm92-rows.ts';
import { aqiBenchmarks } from './aqi.ts';
import { readingTimeBenchmarks } from './reading-times.ts';
import { thingsBenchmarks } from './things.ts';
import { turingBenchmarks } from './turing-rsa.ts';
import { normsDecodingBenchmark } from './norms-decoding.ts';
import { GLASGOW_GPT4_COLUMNS, recordedGlasgowBenchmark, recordedRawCBenchmark, recordedSimlexBenchmark } from './recorded-ratings.ts';
import { visionBenchmarks } from './vision.ts';
import { wordSimilarityBenchmark } from './word-similarity.ts';

/** What a run adds to a suite's benchmarks: candidate RDMs of the user's (--model-rdm). */
export interface SuiteContext {
  modelRdms?: readonly Rdm92Candidate[];
}

/** A named list of benchmarks. */
export interface Suite {
  id: string;
  description: string;
  benchmarks: (context?: SuiteContext) => Benchmark[];
}

/** Norms columns decoded in the core suite: the full Glasgow norms, Brysbaert, Kuperman (not the 871-sense subset). */
function coreNormSets(): string[] {
  return NORM_SETS.map((s) => s.id).filter((id) => !id.startsWith('glasgow871:'));
}

/** Every suite, the default first. */
export const SUITES: readonly Suite[] = [
  {
    id: 'core',
    description: 'word similarity (11 sets), norms decoding (Glasgow ×9, Brysbaert, Kuperman), recorded GPT-4 ratings vs humans',
    benchmarks: () => [
      ...WORD_SIMILARITY_SETS.map((s) => wordSimilarityBenchmark(s.id)),
      ...coreNormSets().map((id) => normsDecodingBenchmark(id)),
      recordedSimlexBenchmark(),
      ...Object.keys(GLASGOW_GPT4_COLUMNS).map((d) => recordedGlasgowBenchmark(d)),
      recordedRawCBenchmark(),
    ],
  },
  {
    id: 'literature',
    description: 'the 92 images (human IT, judgments; model RDMs and --model-rdm files), THINGS, reading times, Turing RSA, AQI',
    benchmarks: (context = {}) => [
      ...rdm92Benchmarks(context.modelRdms ?? []),
      ...thingsBenchmarks(),
      ...turingBenchmarks(context.modelRdms ?? []),
      ...readingTimeBenchmarks(),
      ...aqiBenchmarks(),
    ],
  },
  {
    id: 'vision',
    description: 'picture models layer by layer against EVC and IT (Cichy 2014, Algonauts 2019) and the Kriegeskorte 92 images; gabor, pixels and recorded AlexNet/VGG/ResNet beside the run\'s model',
    benchmarks: () => visionBenchmarks(),
  },
];

/** The suite with this id; unknown → Error listing the known ones. */
export function getSuite(id: string): Suite {
  const suite = SUITES.find((s) => s.id === id);
  if (!suite) throw new Error(`unknown suite '${id}' (known: ${SUITES.map((s) => s.id).join(', ')})`);
  return suite;
}
