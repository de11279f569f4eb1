// InputError: bad user input (a file that is missing, malformed or unusable), located by file, line and column.

/** Where a problem sits: the file as the user named it, and optionally a 1-based line and column (field). */
export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * Bad input, the one error type the CLI maps to exit code 2. `message` reads
 * `file:line:column: detail (line L, column C)`; `detail` is the bare description.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly detail: string;

  constructor(detail: string, where: InputLocation) {
    super(formatInputMessage(detail, where));
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.detail = detail;
  }
}

/** The text of an InputError: `file:line:column: detail (line L, column C)`, shorter when line or column is unknown. */
export function formatInputMessage(detail: string, where: InputLocation): string {
  const { file, line, column } = where;
  if (line === undefined) return `${file}: ${detail}`;
  if (column === undefined) return `${file}:${line}: ${detail} (line ${line})`;
  return `${file}:${line}:${column}: ${detail} (line ${line}, column ${column})`;
}
