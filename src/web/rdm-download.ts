// The computed RDM as files to download: the square CSV that `attune rdm -o rdm.csv` writes (values as shortest
// round-trip text, no labels) and a float64 .npy as numpy.save writes it, offered as links on object URLs.
import { encodeNpy } from '../core/npy-format.ts';
import { squareform } from '../measures/rdm-vector.ts';
import { h } from './dom.ts';
import { formatFull } from './format.ts';

/** The square CSV text of a condensed RDM (strict upper triangle, row-major), one row a line. */
export function rdmCsv(vector: ArrayLike<number>): string {
  const square = squareform(vector);
  const lines: string[] = [];
  for (let i = 0; i < square.rows; i++) {
    lines.push(Array.from(square.data.subarray(i * square.cols, (i + 1) * square.cols), formatFull).join(','));
  }
  return lines.join('\n') + '\n';
}

/** The square float64 .npy bytes of a condensed RDM. */
export function rdmNpy(vector: ArrayLike<number>): Uint8Array {
  const square = squareform(vector);
  return encodeNpy(square.data as Float64Array, [square.rows, square.cols]);
}

/** Object URLs of the links shown last: released when new links replace them. */
let shown: string[] = [];

/** Links that download the RDM as `<stem>.csv` and `<stem>.npy` (the URLs of the previous links are released). */
export function rdmDownloadLinks(vector: ArrayLike<number>, stem: string): HTMLElement {
  for (const url of shown) URL.revokeObjectURL(url);
  const csv = URL.createObjectURL(new Blob([rdmCsv(vector)], { type: 'text/csv' }));
  const npy = URL.createObjectURL(new Blob([rdmNpy(vector) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  shown = [csv, npy];
  return h('p', { class: 'downloads' }, 'Download the RDM: ',
    h('a', { href: csv, download: `${stem}.csv`, id: 'download-rdm-csv' }, `${stem}.csv`), ' (square CSV, as ', h('code', {}, 'attune rdm -o'), ' writes it) or ',
    h('a', { href: npy, download: `${stem}.npy`, id: 'download-rdm-npy' }, `${stem}.npy`), ' (float64, for numpy.load).');
}
