// Browser stand-in for onnx-proto: ONNX graphs are only built for onnxruntime-node, never in the browser.

export default { onnx: {} };
