// The leaderboard's tables: the runs' own models as columns (benchmarks × models, or × runs), and apart from them
// the recorded answers and fixed candidates, one row per benchmark and subject; each cell the newest result, sortable.
import type { BenchmarkResult, LoadedRun, RunSummary } from '../api.ts';
import type { ScoredSubject } from '../../run/results.ts';
import { subjectOf } from '../../report/subject-groups.ts';
import { formatDate, normalizedOf } from '../format.ts';

/** A model column (or, per run, a run column). */
export interface Column {
  key: string;
  label: string;
  /** Second line: the run it comes from (per run) or how many runs it gathers. */
  sub: string;
}

/** A cell: the result and the run it comes from. */
export interface Cell {
  run: RunSummary;
  result: BenchmarkResult;
}

/** A row: a benchmark of the main table, or a benchmark and subject of the other subjects' table. */
export interface Row {
  /** Unique within its table: the benchmark id, or benchmark, subject (and run, per run) of an other subject's row. */
  key: string;
  benchmark: string;
  title: string;
  suite: string;
  /** Who was scored, on a row of the other subjects' table. */
  subject?: ScoredSubject;
  cells: Map<string, Cell>;
}

/** The column key of the other subjects' table: its one value column. */
export const OTHER_VALUE = 'value';

/**
 * The leaderboard: columns and rows of the runs' own models (first-seen order, newest run first), and `others`, the
 * recorded answers and fixed candidates (one row per benchmark and subject, the cell under OTHER_VALUE), kept out
 * of the main table so no other subject's number sits in a model's column.
 */
export interface Board {
  columns: Column[];
  rows: Row[];
  others: Row[];
}

/** Build the board: one column per run model id (the newest run's result wins), or one per run when `perRun`. */
export function buildBoard(runs: LoadedRun[], perRun: boolean): Board {
  const columns = new Map<string, Column & { runs: Set<string> }>();
  const rows = new Map<string, Row>();
  const others = new Map<string, Row>();
  const rowOf = (table: Map<string, Row>, key: string, result: BenchmarkResult, subject?: ScoredSubject): Row => {
    let row = table.get(key);
    if (!row) {
      row = { key, benchmark: result.benchmark, title: result.title, suite: result.suite, ...(subject ? { subject } : {}), cells: new Map() };
      table.set(key, row);
    }
    return row;
  };
  for (const { summary, results } of runs) {
    for (const result of results.results) {
      const subject = subjectOf(result);
      if (subject.kind !== 'run-model') {
        const key = [...(perRun ? [summary.id] : []), result.benchmark, subject.kind, subject.label].join('\u0000');
        const row = rowOf(others, key, result, subject);
        if (!row.cells.has(OTHER_VALUE)) row.cells.set(OTHER_VALUE, { run: summary, result });
        continue;
      }
      const key = perRun ? `${summary.id}\u0000${result.model.id}` : result.model.id;
      let column = columns.get(key);
      if (!column) {
        column = { key, label: result.model.id, sub: '', runs: new Set() };
        columns.set(key, column);
      }
      column.runs.add(summary.id);
      const row = rowOf(rows, result.benchmark, result);
      if (!row.cells.has(key)) row.cells.set(key, { run: summary, result });
    }
  }
  const byId = new Map(runs.map((r) => [r.summary.id, r.summary]));
  for (const c of columns.values()) {
    const first = byId.get([...c.runs][0]) as RunSummary;
    c.sub = perRun ? `run ${first.label || first.id}` : c.runs.size === 1 ? `${first.suite} · ${formatDate(first.created)}` : `${c.runs.size} runs, newest result`;
  }
  return { columns: [...columns.values()].map(({ key, label, sub }) => ({ key, label, sub })), rows: [...rows.values()], others: [...others.values()] };
}

/** Sort state: the column ('benchmark', 'suite', 'subject' or a column key) and direction. */
export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

/** The number a cell shows: the raw value, or value / ceiling (undefined without a ceiling, or below the coverage floor). */
export function cellNumber(cell: Cell | undefined, normalized: boolean): number | undefined {
  if (!cell || cell.result.coverage.insufficient) return undefined;
  return normalized ? normalizedOf(cell.result.score) : cell.result.score.value;
}

const TEXT_KEYS: Record<string, (r: Row) => string> = {
  benchmark: (r) => r.title,
  suite: (r) => r.suite,
  subject: (r) => r.subject?.label ?? '',
};

/** Rows sorted by the state: text columns alphabetically, value columns by number; empty and insufficient cells always last. */
export function sortRows(rows: Row[], sort: SortState, normalized: boolean): Row[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const text = Object.hasOwn(TEXT_KEYS, sort.key) ? TEXT_KEYS[sort.key] : undefined;
  return [...rows].sort((a, b) => {
    if (text) return sign * text(a).localeCompare(text(b)) || a.key.localeCompare(b.key);
    const va = cellNumber(a.cells.get(sort.key), normalized);
    const vb = cellNumber(b.cells.get(sort.key), normalized);
    const ma = va === undefined || Number.isNaN(va);
    const mb = vb === undefined || Number.isNaN(vb);
    if (ma || mb) return ma === mb ? a.title.localeCompare(b.title) || a.key.localeCompare(b.key) : ma ? 1 : -1;
    return sign * ((va as number) - (vb as number)) || a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
  });
}
