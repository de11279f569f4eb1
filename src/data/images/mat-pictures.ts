// Pictures stored in a MATLAB v5 struct array (a uint8 height × width × 3 field per element, column-major), as
// the 92-image sets ship them, turned into row-major RGB.
import { InputError } from '../../core/input-error.ts';
import type { RgbImage } from '../../core/stimulus.ts';
import { matDescribe, matField, matString, readMat } from '../mat.ts';

/** Every element's picture field of struct variable `variable` (and its name field, when `nameField` is given). */
export function readMatPictures(file: string, variable: string, pictureField: string, nameField?: string): { pictures: RgbImage[]; names?: string[] } {
  const value = readMat(file)[variable];
  if (value === undefined || value.type !== 'struct' || !value.fields.includes(pictureField)) {
    throw new InputError(`no struct variable '${variable}' with a field '${pictureField}'`, { file });
  }
  if (nameField !== undefined && !value.fields.includes(nameField)) throw new InputError(`variable '${variable}' has no field '${nameField}'`, { file });
  const pictures = value.items.map((_, index) => {
    const field = matField(value, pictureField, index);
    const dims = field.type === 'numeric' ? field.dims : [];
    if (field.type !== 'numeric' || field.class !== 'uint8' || dims.length !== 3 || dims[2] !== 3) {
      throw new InputError(`${variable}(${index + 1}).${pictureField} should be a uint8 height×width×3 array, got ${matDescribe(field)}`, { file });
    }
    const [height, width] = dims;
    // MATLAB stores column-major: element (row r, column c, channel k) sits at r + c·height + k·height·width.
    const data = new Uint8Array(height * width * 3);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) for (let k = 0; k < 3; k++) data[(r * width + c) * 3 + k] = field.data[r + c * height + k * height * width];
    }
    return { width, height, data };
  });
  const names = nameField === undefined ? undefined : value.items.map((_, index) => matString(matField(value, nameField, index)).trim());
  return { pictures, ...(names ? { names } : {}) };
}
