// The HDF5 side of the MATLAB v7.3 reader, on a worker thread: h5wasm (the HDF5 C library compiled to wasm) opens
// the file and describes or reads one dataset. Plain JavaScript on purpose: loaded on the main thread under tsx, the
// 4 MB h5wasm module is transformed on the fly and holds about 600 MB; here it costs about 40 MB, freed on exit.
import { parentPort, workerData } from 'node:worker_threads';
import h5wasm from 'h5wasm/node';

const { path, name } = workerData;
const text = (entity, key) => {
  const value = entity.attrs[key]?.value;
  return typeof value === 'string' ? value : undefined;
};

await h5wasm.ready;
let file;
try {
  file = new h5wasm.File(path, 'r');
} catch {
  file = undefined;
}
if (file === undefined || file.file_id < 0n) {
  parentPort.postMessage({ error: 'cannot open as an HDF5 (MATLAB v7.3) file: damaged or truncated' });
} else {
  try {
    const keys = file.keys();
    if (name === undefined) {
      parentPort.postMessage({ keys });
    } else if (!keys.includes(name)) {
      parentPort.postMessage({ keys, missing: true });
    } else {
      const entity = file.get(name);
      if (entity instanceof h5wasm.Group) {
        parentPort.postMessage({ keys, group: true, matlabClass: text(entity, 'MATLAB_class') });
      } else if (!(entity instanceof h5wasm.Dataset)) {
        parentPort.postMessage({ keys, other: true });
      } else {
        const { type, size, signed } = entity.metadata;
        const numeric = type === 0 || type === 1;
        const empty = entity.attrs.MATLAB_empty !== undefined && Number(entity.attrs.MATLAB_empty.value) !== 0;
        parentPort.postMessage({
          keys, matlabClass: text(entity, 'MATLAB_class'), type: { type, size, signed },
          shape: entity.shape ?? [], empty, values: numeric ? entity.value : undefined,
        });
      }
    }
  } finally {
    file.close();
  }
}
