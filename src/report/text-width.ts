// Text measured without a canvas, from DejaVu Sans's advance widths: plot layout, label wrapping and checks that
// no text is cut all use the same numbers.
import { advance } from './dejavu-widths.ts';

/** Width in pixels of `text` set in DejaVu Sans at `fontSize` px (bold when asked); kerning ignored, so never short. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch.codePointAt(0) as number, bold);
  return (em / 1000) * fontSize;
}

/**
 * `text` broken into lines no wider than `maxWidth` px: at spaces, and inside a word too long for a line after a
 * ':', '/', '-' or '_' where possible, else between any two characters. Never drops a character.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const fits = (s: string) => textWidth(s, fontSize, bold) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (!fits(line)) {
      const cut = breakPoint(line, fits);
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Where to cut a word too wide for a line: after the last ':', '/', '-' or '_' that keeps the head fitting, else the most characters that fit (at least one). */
function breakPoint(word: string, fits: (s: string) => boolean): number {
  let most = 1;
  while (most < word.length && fits(word.slice(0, most + 1))) most++;
  for (let k = most; k > 0; k--) if (':/-_'.includes(word[k - 1]) && k < word.length) return k;
  return most;
}
