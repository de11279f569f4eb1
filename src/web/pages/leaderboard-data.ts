// The leaderboard's table: benchmarks × models (or × runs), each cell the newest result, sortable by any column.
import type { BenchmarkResult, LoadedRun, RunSummary } from '../api.ts';
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

/** A benchmark row. */
export interface Row {
  benchmark: string;
  title: string;
  suite: string;
  cells: Map<string, Cell>;
}

/** The table: columns in first-seen order (newest run first), rows in first-seen order. */
export interface Board {
  columns: Column[];
  rows: Row[];
}

/** Build the table: one column per model id (the newest run's result wins), or one per run when `perRun`. */
export function buildBoard(runs: LoadedRun[], perRun: boolean): Board {
  const columns = new Map<string, Column & { runs: Set<string> }>();
  const rows = new Map<string, Row>();
  for (const { summary, results } of runs) {
    for (const result of results.results) {
      const key = perRun ? `${summary.id}\u0000${result.model.id}` : result.model.id;
      let column = columns.get(key);
      if (!column) {
        column = { key, label: result.model.id, sub: '', runs: new Set() };
        columns.set(key, column);
      }
      column.runs.add(summary.id);
      let row = rows.get(result.benchmark);
      if (!row) {
        row = { benchmark: result.benchmark, title: result.title, suite: result.suite, cells: new Map() };
        rows.set(result.benchmark, row);
      }
      if (!row.cells.has(key)) row.cells.set(key, { run: summary, result });
    }
  }
  const byId = new Map(runs.map((r) => [r.summary.id, r.summary]));
  for (const c of columns.values()) {
    const first = byId.get([...c.runs][0]) as RunSummary;
    c.sub = perRun ? `run ${first.label || first.id}` : c.runs.size === 1 ? `${first.suite} · ${formatDate(first.created)}` : `${c.runs.size} runs, newest result`;
  }
  return { columns: [...columns.values()].map(({ key, label, sub }) => ({ key, label, sub })), rows: [...rows.values()] };
}

/** Sort state: the column ('benchmark', 'suite' or a column key) and direction. */
export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

/** The number a cell shows: the raw value, or value / ceiling (undefined without a ceiling). */
export function cellNumber(cell: Cell | undefined, normalized: boolean): number | undefined {
  if (!cell) return undefined;
  return normalized ? normalizedOf(cell.result.score) : cell.result.score.value;
}

/** Rows sorted by the state: text columns alphabetically, model columns by number; empty cells always last. */
export function sortRows(rows: Row[], sort: SortState, normalized: boolean): Row[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const text = sort.key === 'benchmark' || sort.key === 'suite';
  return [...rows].sort((a, b) => {
    if (text) {
      const ta = sort.key === 'benchmark' ? a.title : a.suite;
      const tb = sort.key === 'benchmark' ? b.title : b.suite;
      return sign * ta.localeCompare(tb) || a.benchmark.localeCompare(b.benchmark);
    }
    const va = cellNumber(a.cells.get(sort.key), normalized);
    const vb = cellNumber(b.cells.get(sort.key), normalized);
    const ma = va === undefined || Number.isNaN(va);
    const mb = vb === undefined || Number.isNaN(vb);
    if (ma || mb) return ma === mb ? a.title.localeCompare(b.title) : ma ? 1 : -1;
    return sign * ((va as number) - (vb as number)) || a.title.localeCompare(b.title);
  });
}
