// ESM consumer: the public API from the installed package (plain Node, no tsx). Prints one JSON line.
import { compareRdms, linearCka, rdm, readMatrix } from 'attune';

const [xFile, yFile] = process.argv.slice(2);
const x = (await readMatrix(xFile)).matrix;
const y = (await readMatrix(yFile)).matrix;
const a = await rdm(x, 'correlation');
const b = await rdm(y, 'correlation');
const spearman = compareRdms(a, b, 'spearman');
const cka = await linearCka(x, y);
console.log(JSON.stringify({ rdm: Array.from(a), spearman: spearman.value, spearmanMeasure: spearman.measure, cka: cka.value, ckaMeasure: cka.measure }));
