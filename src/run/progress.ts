// Progress of a long job: a redrawn bar on a terminal, one quiet line per step otherwise (pipes, CI).

/** Reports steps of a job of known length. */
export interface Progress {
  /** Step `label` finished (cached: it came from the cache). */
  step(label: string, detail?: string): void;
  /** The job ended (successfully or not): clear the bar. */
  done(): void;
}

/** Where progress goes and how. */
export interface ProgressOptions {
  total: number;
  title: string;
  stream?: NodeJS.WriteStream;
  /** Force quiet lines (default: when the stream is not a TTY or CI is set). */
  quiet?: boolean;
  /** No output at all (--json runs still print quiet lines to stderr; tests may silence them). */
  silent?: boolean;
}

/** A progress reporter: a bar on a TTY, lines like `attune: [3/25] SimLex-999 (cached)` elsewhere. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const { total, title } = options;
  let done = 0;
  if (options.silent) return { step: () => undefined, done: () => undefined };
  const quiet = options.quiet ?? (!stream.isTTY || Boolean(process.env.CI));
  if (quiet) {
    return {
      step(label, detail) {
        done++;
        stream.write(`attune: [${done}/${total}] ${label}${detail ? ` (${detail})` : ''}\n`);
      },
      done: () => undefined,
    };
  }
  const width = 28;
  const draw = (label: string) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const columns = stream.columns ?? 100;
    const text = `${title} ${bar} ${done}/${total} ${label}`;
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
  };
  draw('');
  return {
    step(label) {
      done++;
      draw(label);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
