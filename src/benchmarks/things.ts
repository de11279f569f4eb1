// The THINGS benchmarks of the literature suite: RSA against SPoSE, odd-one-out, THINGSplus property decoding.
import type { Benchmark } from './benchmark.ts';
import { thingsOddOneOutBenchmark } from './things-odd-one-out.ts';
import { thingsPropertyBenchmarks } from './things-properties.ts';
import { thingsRsaBenchmark } from './things-rsa.ts';

/** things:rsa, things:odd-one-out, then things:property:<name> for each THINGSplus property. */
export function thingsBenchmarks(): Benchmark[] {
  return [thingsRsaBenchmark(), thingsOddOneOutBenchmark(), ...thingsPropertyBenchmarks()];
}
