// The runs the dashboard shows: DIR/results.json (id 'latest') and DIR/<sub>/results.json one level down
// (id = the subfolder name). Only JSON documents with `schema: 'attune-results'` count; others are ignored.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../run/results.ts';

/** One run in the list: where it is, when and what it ran, and how many rows it has. */
export interface RunSummary {
  id: string;
  label: string;
  created: string;
  suite: string;
  model: { id: string; revision: string };
  /** A sweep of several models: every model id (the label names them all; `model` is the first). */
  models?: string[];
  results: number;
}

/** The id of DIR/results.json itself. */
export const LATEST_ID = 'latest';

/** A subfolder name that can be a run id (no separators, no dot segments, nothing hidden). */
const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Every run under `dir`, newest first (by `created`, then id); an absent folder has none. */
export async function listRuns(dir: string): Promise<RunSummary[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const ids = [LATEST_ID, ...entries.filter((e) => e.isDirectory() && ID_PATTERN.test(e.name) && e.name !== LATEST_ID).map((e) => e.name)];
  const runs = await Promise.all(ids.map(async (id) => ({ id, run: await readRun(dir, id) })));
  const out: RunSummary[] = [];
  for (const { id, run } of runs) if (run !== undefined) out.push(summarise(id, run));
  const time = (s: RunSummary) => {
    const t = Date.parse(s.created);
    return Number.isFinite(t) ? t : -Infinity;
  };
  return out.sort((a, b) => time(b) - time(a) || a.id.localeCompare(b.id));
}

/** The results document of run `id` under `dir`, or undefined when there is none (or it is not Attune's). */
export async function readRun(dir: string, id: string): Promise<RunResults | undefined> {
  if (!ID_PATTERN.test(id)) return undefined;
  const file = id === LATEST_ID ? join(dir, 'results.json') : join(dir, id, 'results.json');
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  return isRunResults(value) ? upgraded(value) : undefined;
}

/**
 * A results document of an earlier schema in today's shape: version 1 listed skipped benchmarks among the failures
 * ('skipped: …') and did not say who each row scored (a row of another model than the run's was a fixed candidate,
 * or recorded answers when its id says 'recorded:').
 */
function upgraded(run: RunResults): RunResults {
  const results = run.results.map((r) => (r.subject ? r : { ...r, subject: formerSubject(r, run) }));
  if (Array.isArray(run.skipped)) return { ...run, results };
  const failures = Array.isArray(run.failures) ? run.failures : [];
  const isSkip = (f: RunResults['failures'][number]) => typeof f.error === 'string' && f.error.startsWith('skipped: ');
  return { ...run, results, failures: failures.filter((f) => !isSkip(f)), skipped: failures.filter(isSkip).map((f) => ({ benchmark: f.benchmark, reason: f.error.slice('skipped: '.length) })) };
}

function formerSubject(r: RunResults['results'][number], run: RunResults): RunResults['results'][number]['subject'] {
  const id = String(r.model?.id ?? '');
  if (id === run.model?.id) return { kind: 'run-model', label: id };
  return { kind: id.startsWith('recorded:') ? 'recorded' : 'fixed', label: id };
}

/** Whether a parsed JSON value is an Attune results document (its schema tag and a results array). */
function isRunResults(value: unknown): value is RunResults {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.schema === 'attune-results' && Array.isArray(v.results);
}

/** The list entry of a run. */
function summarise(id: string, run: RunResults): RunSummary {
  const model = { id: String(run.model?.id ?? ''), revision: String(run.model?.revision ?? '') };
  const suite = String(run.suite ?? '');
  const created = String(run.created ?? '');
  const day = created.slice(0, 16).replace('T', ' ');
  const models = Array.isArray(run.models) && run.models.length > 1 ? run.models.map((m) => String(m?.id ?? '')) : undefined;
  const who = models ? models.join(', ') : model.id;
  return { id, label: `${who} · ${suite}${day ? ` · ${day}` : ''}${id === LATEST_ID ? '' : ` (${id})`}`, created, suite, model, ...(models ? { models } : {}), results: run.results.length };
}
