// CommonJS consumer: require('attune') (Node 20's require of an ES module without top-level await). Prints one JSON line.
const { compareRdms, linearCka, rdm, readMatrix } = require('attune');

async function main() {
  const [xFile, yFile] = process.argv.slice(2);
  const x = (await readMatrix(xFile)).matrix;
  const y = (await readMatrix(yFile)).matrix;
  const a = await rdm(x, 'correlation');
  const b = await rdm(y, 'correlation');
  const cka = await linearCka(x, y);
  console.log(JSON.stringify({ rdm: Array.from(a), spearman: compareRdms(a, b, 'spearman').value, cka: cka.value }));
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
