#!/usr/bin/env node
// Turns one or more `attune bench --scaling --json` documents into the README's Markdown table: per (op, n) the
// median over the runs of wall seconds, CPU seconds and extra memory, and the exponents fitted to those medians.
// Usage (tsx, to use the bench's own fitting code): node --import tsx scripts/scaling-table.mjs run1.json [run2.json ...]
import { readFileSync } from 'node:fs';
import { fitScaling } from '../src/cli/bench/scaling.ts';

const docs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const keys = [...new Set(docs.flatMap((d) => d.points.map((p) => `${p.op} ${p.n}`)))];
const points = keys.map((key) => {
  const same = docs.flatMap((d) => d.points.filter((p) => `${p.op} ${p.n}` === key));
  return {
    ...same[0],
    seconds: median(same.map((p) => p.seconds)),
    cpu_seconds: median(same.map((p) => p.cpu_seconds)),
    extra_mib: median(same.map((p) => p.extra_mib)),
  };
});
const fits = fitScaling(points);
const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
const top = sizes.at(-1);
const k = (fit) => (fit ? fit.exponent.toFixed(2) : '–');
let out = `| op | ${sizes.join(' | ')} | k, wall: all / largest 3 | k, CPU: all / largest 3 | extra / budget MiB at ${top} | k, memory: largest 3 |\n`;
out += `|---|${sizes.map(() => '---:').join('|')}|---:|---:|---:|---:|\n`;
for (const fit of fits) {
  const row = sizes.map((n) => points.find((p) => p.op === fit.op && p.n === n));
  const last = row.at(-1);
  const cells = row.map((p) => (p ? String(Number(p.seconds.toPrecision(3))) : 'skipped'));
  out += `| ${fit.op} | ${cells.join(' | ')} | ${k(fit.seconds)} / ${k(fit.seconds_largest3)} | ${k(fit.cpu_seconds)} / ${k(fit.cpu_seconds_largest3)} | ${last ? `${last.extra_mib} / ${last.budget_mib}` : 'skipped'} | ${k(fit.extra_mib_largest3)} |\n`;
}
process.stdout.write(out);
