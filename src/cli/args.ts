// Command-line argument parsing shared by the verbs: node:util parseArgs with usage errors and typed option values.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/suggest.ts';

/** A wrong command line (unknown option, bad option value, missing argument): exit code 2. */
export class UsageError extends Error {
  readonly verb: string;

  constructor(verb: string, message: string) {
    super(`attune ${verb}: ${message}\nSee 'attune ${verb} --help'.`);
    this.name = 'UsageError';
    this.verb = verb;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Values and positionals of a verb's command line. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse a verb's arguments strictly; problems become UsageError. `--help`/`-h` is always accepted. */
export function parseVerbArgs(verb: string, args: string[], options: Options): ParsedArgs {
  const all: Options = { help: { type: 'boolean', short: 'h' }, ...options };
  const unknown = unknownOption(verb, args, all);
  if (unknown) throw unknown;
  try {
    const { values, positionals } = parseArgs({ args, options: all, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(verb, valueProblem(args, all) ?? (error as Error).message);
    }
    throw error;
  }
}

/** A UsageError for the first option the verb does not know, suggesting the closest known ones; undefined when all are known. */
function unknownOption(verb: string, args: string[], options: Options): UsageError | undefined {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const shorts = new Set(Object.values(options).map((o) => o.short).filter((s) => s !== undefined));
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    // A short option's token carries its long name (-o → output), so a short one is checked by its letter.
    const known = token.rawName.startsWith('--') ? Object.hasOwn(options, token.name) : shorts.has(token.rawName.slice(1));
    if (known) continue;
    const names = Object.keys(options).map((n) => `--${n}`);
    const hint = didYouMean(token.rawName.replace(/^-+/, '--'), names);
    return new UsageError(verb, `unknown option '${token.rawName}'${hint || ` (options: ${names.join(', ')})`}`);
  }
  return undefined;
}

/** A plain sentence for the commonest value mistakes parseArgs reports (a missing value, a value given to a switch). */
function valueProblem(args: string[], options: Options): string | undefined {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--') break;
    const match = /^--([^=]+)(=.*)?$/.exec(arg);
    if (!match || !Object.hasOwn(options, match[1])) continue;
    const spec = options[match[1]];
    if (spec.type === 'boolean' && match[2] !== undefined) return `--${match[1]} takes no value (got '${arg}')`;
    if (spec.type === 'string' && match[2] === undefined) {
      const next = args[k + 1];
      if (next === undefined) return `--${match[1]} needs a value`;
      if (next.startsWith('-')) return `--${match[1]} needs a value (got '${next}'; write --${match[1]}=${next} for a value that starts with '-')`;
    }
  }
  return undefined;
}

/** Exactly `count` positional arguments, named for the message when missing or extra. */
export function expectPositionals(verb: string, positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(verb, `missing ${names.slice(positionals.length).map((n) => `<${n}>`).join(' ')}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(verb, `unexpected argument '${positionals[names.length]}'`);
  }
  return positionals;
}

/** An integer option value ≥ min (undefined when the option is absent). */
export function integerOption(verb: string, name: string, value: string | boolean | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = Number(text);
  if (text === '' || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(verb, `--${name} must be an integer ≥ ${min}, got '${value}'`);
  }
  return n;
}

/** A comma-separated list of positive finite numbers (e.g. ridge alphas). */
export function positiveNumberList(verb: string, name: string, value: string | boolean | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',').map((s) => s.trim());
  const out = parts.map(Number);
  const bad = parts.findIndex((s, k) => s === '' || !Number.isFinite(out[k]) || out[k] <= 0);
  if (bad >= 0) {
    throw new UsageError(verb, `--${name} must be comma-separated positive numbers, got '${parts[bad]}' in '${value}'`);
  }
  return out;
}

/** One of the allowed choices (default when absent). */
export function choiceOption<T extends string>(verb: string, name: string, value: string | boolean | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) {
    throw new UsageError(verb, `--${name} must be one of ${choices.join(', ')}; got '${value}'${didYouMean(String(value), choices)}`);
  }
  return value as T;
}
