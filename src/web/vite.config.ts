// Vite build of the dashboard (src/web → dist/web). Node-only modules that the shared measures import are
// aliased to small browser stubs, and the environment switches pin the TypeScript GEMM kernel (no threads).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Node modules reached from src/core, src/data and src/measures, and the stub each becomes in the browser. */
const STUBS: Record<string, string> = {
  'onnxruntime-node': './stubs/onnxruntime-node.ts',
  'onnx-proto': './stubs/onnx-proto.ts',
  'node:os': './stubs/node-os.ts',
  'node:worker_threads': './stubs/node-worker-threads.ts',
  'node:fs/promises': './stubs/node-fs-promises.ts',
  'node:path': './stubs/node-path.ts',
  // src/core/correlation.ts's import of its helper-thread module (Vite would bundle the node thread as a web worker).
  './rank-helper.ts': './stubs/rank-helper.ts',
};

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  resolve: {
    alias: Object.entries(STUBS).map(([name, stub]) => ({ find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`), replacement: here(stub) })),
  },
  define: {
    // chooseBackend (src/core/gemm.ts) and the rank helper read these; there is no `process` in a browser.
    'process.env.ATTUNE_BACKEND': JSON.stringify('ts'),
    'process.env.ATTUNE_THREADS': JSON.stringify('1'),
  },
  worker: { format: 'es' },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
