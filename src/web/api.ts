// The server's JSON API (see src/server): the runs, one run's results.json, and the 92-image RDMs.
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import type { Rdm92Document } from '../server/rdm92-api.ts';
import type { RunSummary } from '../server/runs-store.ts';

export type { BenchmarkResult, RunResults };

/** One entry of GET /api/runs. */
export type { RunSummary };

/** GET /api/rdm92: the 92 images' categories and RDMs (92×92, row-major). */
export type Rdm92Payload = Rdm92Document;

/** A run with its results. */
export interface LoadedRun {
  summary: RunSummary;
  results: RunResults;
}

const cache = new Map<string, Promise<unknown>>();

/** GET a JSON document (memoised for the page's life); a non-2xx answer is an Error with the server's message. */
export function getJson<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = fetch(path, { headers: { accept: 'application/json' } }).then(async (response) => {
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        throw new Error(`${path}: ${response.status} ${body.error ?? response.statusText}`);
      }
      return response.json();
    });
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T>;
}

/** Every run, newest first, with its results. */
export async function loadRuns(): Promise<LoadedRun[]> {
  const runs = await getJson<RunSummary[]>('api/runs');
  return Promise.all(runs.map(async (summary) => ({ summary, results: await getJson<RunResults>(`api/runs/${encodeURIComponent(summary.id)}`) })));
}

/** The 92-image RDMs. */
export function loadRdm92(): Promise<Rdm92Payload> {
  return getJson<Rdm92Payload>('api/rdm92');
}

/** URL of stimulus i's picture (0-based). */
export function stimulusUrl(i: number): string {
  return `api/rdm92/stimulus/${i}.png`;
}
