// Browser stand-in for onnxruntime-node: the dashboard computes on the TypeScript kernels only.

/** Any use fails loudly: in the browser the backend is pinned to 'ts', so nothing should reach here. */
function unavailable(): never {
  throw new Error('onnxruntime-node is not available in the browser (the TypeScript kernels are used)');
}

export default { InferenceSession: { create: unavailable }, Tensor: unavailable, env: {} };
