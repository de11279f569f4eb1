// Reading a sweep file: JSON (.json) or YAML (.yaml, .yml) parsed by the `yaml` package into a document whose nodes
// keep their offsets (JSON is YAML 1.2, so one parser locates both), checked strictly by sweep-file-schema.ts. JSON
// files must also be strict JSON (JSON.parse), so what YAML alone would allow (comments, single quotes) is refused.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, type InputLocation } from '../core/input-error.ts';
import { sweepFromDocument, type SweepFile } from './sweep-file-schema.ts';

export type { SweepFile };

/** The formats a sweep file may have, by extension. */
const FORMATS: Record<string, 'json' | 'yaml'> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/** Read and check the sweep file `file` (as the user named it): its SweepSpec and concurrency; InputError at file:line:column otherwise. */
export function readSweepFile(file: string): SweepFile {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) throw new InputError(`a sweep file is JSON (.json) or YAML (.yaml, .yml); cannot tell the format of '${extname(file) || 'no extension'}'`, { file });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a sweep file' : `cannot read it (${code ?? String(error)})`, { file });
  }
  // a byte-order mark (some Windows editors write one) is not part of the document
  return parseSweepText(text.replace(/^\uFEFF/, ''), file, format);
}

/** Parse and check a sweep file's text; `file` names it in messages. */
export function parseSweepText(text: string, file: string, format: 'json' | 'yaml'): SweepFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): InputLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const message = syntax.code === 'MULTIPLE_DOCS' ? 'a sweep file holds one document (no second one after ---)' : syntax.message;
    throw new InputError(`${format === 'json' ? 'JSON' : 'YAML'} syntax: ${message}`, at(syntax.pos[0]));
  }
  if (format === 'json') {
    // JSON.parse says where most mistakes are; where it does not (an unknown word such as `tru`), the schema's
    // check of the value usually does, so it runs first and the unlocated message comes last.
    let invalid: InputError | undefined;
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message);
      invalid = new InputError(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, position ? at(Number(position[1])) : { file });
      if (position) throw invalid;
    }
    const checked = sweepFromDocument(doc, at, file);
    if (invalid) throw invalid;
    return checked;
  }
  return sweepFromDocument(doc, at, file);
}
