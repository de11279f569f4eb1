// What a sweep file may say, checked on the parsed document's nodes so that every problem names its line and column:
// `models` (ids, or {id, layers, pooling, tower}), `suites`, and optional `seed`, `bootstrap`, `transform`, `offline`,
// `concurrency`. Unknown keys, wrong types, unknown suites or model kinds and repeated entries are refused.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { SUITES } from '../benchmarks/suites.ts';
import { parseRsaTransform } from '../benchmarks/rsa-transform.ts';
import type { LayerChoice } from '../benchmarks/benchmark.ts';
import { InputError, type InputLocation } from '../core/input-error.ts';
import { didYouMean } from '../core/suggest.ts';
import { IMAGE_POOLINGS } from '../models/hf/image-pooling.ts';
import { POOLINGS } from '../models/hf/pooling.ts';
import type { Tower } from '../models/hf/hf-kind.ts';
import { MODEL_IDS, type PoolingChoice } from '../models/resolve-model.ts';
import type { ModelSpec, SweepSpec } from './sweep-spec.ts';

/** A checked sweep file: what to run, and how many jobs at once on this machine when it says. */
export interface SweepFile {
  spec: SweepSpec;
  concurrency?: number;
}

const TOP_KEYS = ['models', 'suites', 'seed', 'bootstrap', 'transform', 'offline', 'concurrency'] as const;
const MODEL_KEYS = ['id', 'layers', 'pooling', 'tower'] as const;
const TOWERS: readonly Tower[] = ['image', 'text'];
const POOLING_CHOICES: readonly string[] = [...new Set<string>([...POOLINGS, ...IMAGE_POOLINGS])];

/** Where a node starts, as a location. */
type Locate = (offset: number) => InputLocation;

/** The SweepFile a parsed document describes; InputError at the offending key or value. `file` names an empty document. */
export function sweepFromDocument(doc: Document.Parsed, at: Locate, file: string): SweepFile {
  const check = new Checker(doc, at);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new InputError(`an empty sweep file: it needs at least 'models' (a list of model ids)`, { file, line: 1, column: 1 });
  }
  const top = check.map(root, 'a sweep file', TOP_KEYS);
  const modelsNode = top.get('models');
  if (modelsNode === undefined) throw new InputError(`'models' is missing: list the model ids to sweep`, check.where(root));
  const modelNodes = check.list(modelsNode, 'models');
  const models = modelNodes.map((node) => check.model(node));
  check.noRepeats(models.map((m, k) => ({ name: m.id, node: modelNodes[k] })), 'model', 'each model once: results are grouped by model id');
  const spec: SweepSpec = { models };
  const suitesNode = top.get('suites');
  if (suitesNode !== undefined) {
    const nodes = check.list(suitesNode, 'suites');
    spec.suites = nodes.map((node) => check.suite(node));
    check.noRepeats(spec.suites.map((name, k) => ({ name, node: nodes[k] })), 'suite', 'each suite once');
  }
  const seed = top.get('seed');
  if (seed !== undefined) spec.seed = check.integer(seed, 'seed', 0);
  const bootstrap = top.get('bootstrap');
  if (bootstrap !== undefined) spec.bootstrap = check.integer(bootstrap, 'bootstrap', 0);
  const transform = top.get('transform');
  if (transform !== undefined) spec.transform = check.transform(transform);
  const offline = top.get('offline');
  if (offline !== undefined) spec.offline = check.boolean(offline, 'offline');
  const concurrency = top.get('concurrency');
  return { spec, ...(concurrency !== undefined ? { concurrency: check.integer(concurrency, 'concurrency', 1) } : {}) };
}

/** The checks on nodes, each failing with an InputError at the node. */
class Checker {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: Locate,
  ) {}

  /** Where a node starts. */
  where(node: YamlNode): InputLocation {
    return this.at(node.range?.[0] ?? 0);
  }

  /** An alias (`*name`) read as the node it names. */
  private resolved(node: YamlNode): YamlNode {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    if (target === undefined) throw new InputError('an alias to nothing', this.where(node));
    return target as YamlNode;
  }

  /** A mapping with only `known` keys (strings), as key → value node. */
  map(node: YamlNode, what: string, known: readonly string[]): Map<string, YamlNode> {
    const target = this.resolved(node);
    if (!isMap(target)) throw new InputError(`${what} must be a mapping of ${known.map((k) => `'${k}'`).join(', ')}; got ${describe(target)}`, this.where(node));
    const out = new Map<string, YamlNode>();
    for (const pair of (target as YAMLMap<YamlNode, YamlNode>).items as Pair<YamlNode, YamlNode | null>[]) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') throw new InputError(`${what}: keys are names such as ${known.map((k) => `'${k}'`).join(', ')}`, this.where(key ?? target));
      if (!known.includes(key.value)) {
        throw new InputError(`unknown key '${key.value}' in ${what}${didYouMean(key.value, known) || ` (known: ${known.join(', ')})`}`, this.where(key));
      }
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) throw new InputError(`'${key.value}' has no value`, this.where(key));
      out.set(key.value, pair.value);
    }
    return out;
  }

  /** A non-empty list's item nodes. */
  list(node: YamlNode, name: string): YamlNode[] {
    const target = this.resolved(node);
    if (!isSeq(target)) throw new InputError(`'${name}' must be a list; got ${describe(target)}`, this.where(node));
    const items = target.items as YamlNode[];
    if (items.length === 0) throw new InputError(`'${name}' is empty: list at least one`, this.where(node));
    return items;
  }

  /** A scalar's value. */
  private scalar(node: YamlNode): unknown {
    const target = this.resolved(node);
    return isScalar(target) ? target.value : undefined;
  }

  /** A non-empty string. */
  string(node: YamlNode, name: string): string {
    const value = this.scalar(node);
    if (typeof value !== 'string' || value.trim() === '') throw new InputError(`'${name}' must be a non-empty string; got ${describe(this.resolved(node))}`, this.where(node));
    return value;
  }

  /** An integer ≥ min. */
  integer(node: YamlNode, name: string, min: number): number {
    const value = this.scalar(node);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw new InputError(`'${name}' must be an integer ≥ ${min}; got ${describe(this.resolved(node))}`, this.where(node));
    }
    return value;
  }

  /** true or false. */
  boolean(node: YamlNode, name: string): boolean {
    const value = this.scalar(node);
    if (typeof value !== 'boolean') throw new InputError(`'${name}' must be true or false; got ${describe(this.resolved(node))}`, this.where(node));
    return value;
  }

  /** One of `choices`. */
  choice<T extends string>(node: YamlNode, name: string, choices: readonly T[]): T {
    const value = this.scalar(node);
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      const hint = typeof value === 'string' ? didYouMean(value, choices) : '';
      throw new InputError(`'${name}' must be one of ${choices.join(', ')}; got ${describe(this.resolved(node))}${hint}`, this.where(node));
    }
    return value as T;
  }

  /** A suite id. */
  suite(node: YamlNode): string {
    const id = this.string(node, 'suites');
    const known = SUITES.map((s) => s.id);
    if (!known.includes(id)) throw new InputError(`unknown suite '${id}'${didYouMean(id, known) || ` (known: ${known.join(', ')})`}`, this.where(node));
    return id;
  }

  /** A model: an id, or {id, layers, pooling, tower}. */
  model(node: YamlNode): ModelSpec {
    const target = this.resolved(node);
    if (isScalar(target)) return { id: this.modelId(node, 'models') };
    const fields = this.map(node, 'a model', MODEL_KEYS);
    const idNode = fields.get('id');
    if (idNode === undefined) throw new InputError(`a model needs 'id' (e.g. glove, vectors:<file>, hf:<hub-id>)`, this.where(node));
    const spec: ModelSpec = { id: this.modelId(idNode, 'id') };
    const layers = fields.get('layers');
    if (layers !== undefined) spec.layers = this.layers(layers);
    const pooling = fields.get('pooling');
    if (pooling !== undefined) spec.pooling = this.choice(pooling, 'pooling', POOLING_CHOICES) as PoolingChoice;
    const tower = fields.get('tower');
    if (tower !== undefined) spec.tower = this.choice(tower, 'tower', TOWERS);
    return spec;
  }

  /** A model id of a known kind (whether its file or hub id exists is found when the model opens). */
  private modelId(node: YamlNode, name: string): string {
    const id = this.string(node, name);
    const known = MODEL_IDS.some(({ pattern }) => {
      const open = pattern.indexOf('<');
      return open < 0 ? id === pattern : id.startsWith(pattern.slice(0, open)) && id.length > open;
    });
    if (!known) throw new InputError(`unknown model id '${id}'; known: ${MODEL_IDS.map((m) => m.pattern).join(', ')}`, this.where(node));
    return id;
  }

  /** all, best, or a layer number (0 = embeddings). */
  private layers(node: YamlNode): LayerChoice {
    const value = this.scalar(node);
    if (value === 'all' || value === 'best') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    throw new InputError(`'layers' must be all, best or a layer number (0 = embeddings); got ${describe(this.resolved(node))}`, this.where(node));
  }

  /** geotopological or geotopological:lower,upper, as --transform takes it. */
  transform(node: YamlNode): { lower: number; upper: number } {
    const text = this.string(node, 'transform');
    try {
      return parseRsaTransform(text, 'transform');
    } catch (error) {
      throw new InputError(error instanceof InputError ? error.detail : String(error), this.where(node));
    }
  }

  /** An InputError at the second of two entries with the same name. */
  noRepeats(entries: { name: string; node: YamlNode }[], what: string, why: string): void {
    const seen = new Set<string>();
    for (const { name, node } of entries) {
      if (seen.has(name)) throw new InputError(`${what} '${name}' is listed twice (${why})`, this.where(node));
      seen.add(name);
    }
  }
}

/** A node's kind and value for a message: `"abc" (a string)`, `12 (a number)`, `a list`, `a mapping`. */
function describe(node: YamlNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `'${v}' (a string)`;
    return `${String(v)} (a ${typeof v})`;
  }
  return 'an alias';
}
