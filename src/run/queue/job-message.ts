// What travels through the queue for one job: a JSON description (suite and benchmark by id, the model's spec,
// the run's settings, the outcome's cache key) and nothing else — no code, no file contents. A worker checks every
// field before it does anything; a payload that is not exactly this schema is refused.
import type { Benchmark, LayerChoice } from '../../benchmarks/benchmark.ts';
import { SUITES } from '../../benchmarks/suites.ts';
import { IMAGE_POOLINGS } from '../../models/hf/image-pooling.ts';
import { POOLINGS } from '../../models/hf/pooling.ts';
import type { JobSettings } from '../benchmark-job.ts';
import type { PlannedJob } from '../sweep-plan.ts';
import type { ModelSpec } from '../sweep-spec.ts';

/** The payload's schema name and version. */
export const JOB_SCHEMA = 'attune-job';
export const JOB_SCHEMA_VERSION = 1;

/** One job on the queue. */
export interface JobMessage {
  schema: typeof JOB_SCHEMA;
  version: typeof JOB_SCHEMA_VERSION;
  /** The outcome's cache key (also the BullMQ job id); the worker recomputes it and refuses the job when it differs. */
  key: string;
  suite: string;
  /** Benchmark id within the suite. */
  benchmark: string;
  model: ModelSpec;
  settings: JobSettings;
  /** Forbid the network when the worker opens the model. */
  offline?: boolean;
}

/** A payload that is not an Attune job (wrong schema, unknown field, wrong type, unknown suite or benchmark). */
export class JobMessageError extends Error {
  constructor(detail: string) {
    super(`not an Attune job: ${detail}`);
    this.name = 'JobMessageError';
  }
}

/** The message for a planned job. */
export function jobMessage(job: PlannedJob, offline?: boolean): JobMessage {
  const model: ModelSpec = { id: job.spec.id };
  if (job.spec.layers !== undefined) model.layers = job.spec.layers;
  if (job.spec.pooling !== undefined) model.pooling = job.spec.pooling;
  if (job.spec.tower !== undefined) model.tower = job.spec.tower;
  const settings: JobSettings = { seed: job.settings.seed, bootstrap: job.settings.bootstrap, layers: job.settings.layers };
  if (job.settings.transform !== undefined) settings.transform = { lower: job.settings.transform.lower, upper: job.settings.transform.upper };
  return {
    schema: JOB_SCHEMA, version: JOB_SCHEMA_VERSION, key: job.key, suite: job.suite, benchmark: job.benchmark.id, model, settings,
    ...(offline !== undefined ? { offline } : {}),
  };
}

/** Check a payload field by field and return it typed with its benchmark (built from its suite); JobMessageError otherwise. */
export function parseJobMessage(data: unknown): { message: JobMessage; benchmark: Benchmark } {
  const top = record(data, 'the payload', ['schema', 'version', 'key', 'suite', 'benchmark', 'model', 'settings'], ['offline']);
  if (top.schema !== JOB_SCHEMA) throw new JobMessageError(`schema must be '${JOB_SCHEMA}', got ${describe(top.schema)}`);
  if (top.version !== JOB_SCHEMA_VERSION) throw new JobMessageError(`version must be ${JOB_SCHEMA_VERSION}, got ${describe(top.version)} (worker and coordinator run different Attune versions?)`);
  if (typeof top.key !== 'string' || !/^[0-9a-f]{64}$/.test(top.key)) throw new JobMessageError(`key must be 64 hex digits, got ${describe(top.key)}`);
  const suiteId = text(top.suite, 'suite');
  const benchmarkId = text(top.benchmark, 'benchmark');
  const model = modelSpec(top.model);
  const settings = jobSettings(top.settings);
  if (top.offline !== undefined && typeof top.offline !== 'boolean') throw new JobMessageError(`offline must be true or false, got ${describe(top.offline)}`);
  const suite = SUITES.find((s) => s.id === suiteId);
  if (!suite) throw new JobMessageError(`unknown suite '${suiteId}' (this worker knows ${SUITES.map((s) => s.id).join(', ')})`);
  const benchmark = suite.benchmarks({}).find((b) => b.id === benchmarkId);
  if (!benchmark) throw new JobMessageError(`suite '${suiteId}' has no benchmark '${benchmarkId}' on this worker`);
  const message: JobMessage = {
    schema: JOB_SCHEMA, version: JOB_SCHEMA_VERSION, key: top.key, suite: suiteId, benchmark: benchmarkId, model, settings,
    ...(top.offline !== undefined ? { offline: top.offline as boolean } : {}),
  };
  return { message, benchmark };
}

/** A ModelSpec: id, and optionally layers, pooling and tower, each of its type. */
function modelSpec(value: unknown): ModelSpec {
  const o = record(value, 'model', ['id'], ['layers', 'pooling', 'tower']);
  const spec: ModelSpec = { id: text(o.id, 'model.id') };
  if (o.layers !== undefined) spec.layers = layerChoice(o.layers, 'model.layers');
  if (o.pooling !== undefined) {
    const known = [...new Set<string>([...POOLINGS, ...IMAGE_POOLINGS])];
    if (typeof o.pooling !== 'string' || !known.includes(o.pooling)) throw new JobMessageError(`model.pooling must be one of ${known.join(', ')}, got ${describe(o.pooling)}`);
    spec.pooling = o.pooling as ModelSpec['pooling'];
  }
  if (o.tower !== undefined) {
    if (o.tower !== 'image' && o.tower !== 'text') throw new JobMessageError(`model.tower must be image or text, got ${describe(o.tower)}`);
    spec.tower = o.tower;
  }
  return spec;
}

/** JobSettings: seed and bootstrap (integers ≥ 0), layers, and optionally the transform's two quantiles. */
function jobSettings(value: unknown): JobSettings {
  const o = record(value, 'settings', ['seed', 'bootstrap', 'layers'], ['transform']);
  const settings: JobSettings = { seed: count(o.seed, 'settings.seed'), bootstrap: count(o.bootstrap, 'settings.bootstrap'), layers: layerChoice(o.layers, 'settings.layers') };
  if (o.transform !== undefined) {
    const t = record(o.transform, 'settings.transform', ['lower', 'upper'], []);
    if (typeof t.lower !== 'number' || typeof t.upper !== 'number' || !(t.lower >= 0 && t.upper <= 1 && t.lower < t.upper)) {
      throw new JobMessageError(`settings.transform needs quantiles 0 ≤ lower < upper ≤ 1, got ${describe(o.transform)}`);
    }
    settings.transform = { lower: t.lower, upper: t.upper };
  }
  return settings;
}

/** A LayerChoice: 'default', 'all', 'best' or a layer number ≥ 0. */
function layerChoice(value: unknown, name: string): LayerChoice {
  if (value === 'default' || value === 'all' || value === 'best') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new JobMessageError(`${name} must be default, all, best or a layer number, got ${describe(value)}`);
}

/** A plain object with exactly the required keys and possibly the optional ones. */
function record(value: unknown, name: string, required: readonly string[], optional: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new JobMessageError(`${name} must be a JSON object, got ${describe(value)}`);
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) throw new JobMessageError(`${name} has an unknown field '${k}'`);
  for (const k of required) if (!Object.hasOwn(o, k)) throw new JobMessageError(`${name} has no '${k}'`);
  return o;
}

/** A non-empty string of at most 4096 characters. */
function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 4096) throw new JobMessageError(`${name} must be a non-empty string, got ${describe(value)}`);
  return value;
}

/** An integer ≥ 0. */
function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new JobMessageError(`${name} must be an integer ≥ 0, got ${describe(value)}`);
  return value;
}

/** A short description of a value for messages (at most 80 characters). */
function describe(value: unknown): string {
  let s: string;
  try {
    s = value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
