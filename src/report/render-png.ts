// SVG text → PNG bytes with resvg; text is drawn with the system fonts (sans-serif mapped to DejaVu Sans when present).
import { Resvg } from '@resvg/resvg-js';

/** Rasterise an SVG document to PNG, scaled to `width` pixels when given (else its own size), on white. */
export function renderPng(svg: string, options: { width?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: options.width !== undefined ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: 'white',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    logLevel: 'off',
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
