// NumPy .npy files for the data layer: the byte-level format lives in core (models read .npy too), re-exported here.
export { isNpy, parseNpy, type NpyArray } from '../core/npy-format.ts';
