// Stimuli named on the command line: a shipped picture set id, a folder of pictures, or a text file with one
// word or sentence per line.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/input-error.ts';
import type { Stimulus } from '../core/stimulus.ts';
import { loadPictureSet, PICTURE_SETS } from './datasets/picture-sets.ts';
import { IMAGE_EXTENSIONS } from './images/decode.ts';
import { readImageFolder } from './images/image-folder.ts';

/** Stimuli read from a spec, with a label for messages and what they are. */
export interface StimulusSource {
  /** The set id, folder or file as given. */
  label: string;
  stimuli: Stimulus[];
  kind: 'pictures' | 'texts';
}

/**
 * The stimuli `spec` names: a shipped picture set (cichy92, kriegeskorte92, algonauts78), a folder of pictures
 * (in the order of `options.names` when given, else sorted), or a text file (one stimulus per line, trimmed,
 * blank lines skipped, each listed once). InputError naming the spec, file and line otherwise.
 */
export async function resolveStimuli(spec: string, options: { names?: string } = {}): Promise<StimulusSource> {
  const known = PICTURE_SETS.find((set) => set.id === spec);
  const stat = statSync(spec, { throwIfNoEntry: false });
  if (known && !stat) {
    if (options.names !== undefined) throw new InputError(`--names orders a folder of pictures; ${spec} is a shipped set with its own order`, { file: '--names' });
    return { label: spec, stimuli: (await loadPictureSet(spec, spec)).stimuli, kind: 'pictures' };
  }
  if (!stat) {
    throw new InputError(`not found: give a shipped picture set (${PICTURE_SETS.map((set) => set.id).join(', ')}), a folder of pictures or a text file with one stimulus per line`, { file: spec });
  }
  if (stat.isDirectory()) return { label: spec, stimuli: await readImageFolder(spec, { names: options.names }), kind: 'pictures' };
  if (options.names !== undefined) throw new InputError(`--names orders a folder of pictures; ${spec} is a file`, { file: '--names' });
  if (IMAGE_EXTENSIONS.includes(extname(spec).toLowerCase())) {
    throw new InputError('is a single picture; give the folder that holds the pictures (or a text file with one stimulus per line)', { file: spec });
  }
  return { label: spec, stimuli: readTextLines(spec), kind: 'texts' };
}

/** The non-blank lines of a text file, trimmed; InputError for an empty or binary file and for a repeated line. */
function readTextLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, { file });
  }
  if (text.includes('\u0000')) throw new InputError('not a text file (it holds NUL bytes); give one word or sentence per line', { file });
  const first = new Map<string, number>();
  const lines: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (first.has(line)) throw new InputError(`'${line}' is listed twice (first on line ${first.get(line)}); each stimulus once`, { file, line: i + 1 });
    first.set(line, i + 1);
    lines.push(line);
  });
  if (lines.length === 0) throw new InputError('no stimuli: the file has no non-blank lines (one word or sentence per line)', { file });
  return lines;
}
