// `attune serve [--port N] [--results DIR] [--host H]`: the dashboard, a local web app over the results, until Ctrl+C.
import { existsSync } from 'node:fs';
import { ExternalError } from '../../core/external-error.ts';
import { isLoopbackHost } from '../../server/host-check.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from '../../server/server.ts';
import { integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { note, printText } from '../output.ts';

/** Help text of `attune serve`. */
export const SERVE_HELP = `Usage: attune serve [--port N] [--results DIR] [--host H]

Serve the dashboard: a local web app over every run in the results folder (leaderboard, benchmark
details, run comparison, and "analyse your data" in the browser, where nothing is uploaded). The
web app is built with Vite into dist/web first when it is missing or older than its sources.

Options:
  --port N        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --results DIR   the results folder: DIR/results.json and DIR/<run>/results.json (default ./attune-results)
  --host H        interface to bind (default ${DEFAULT_HOST}, this machine only); another host makes the
                  dashboard and your results readable by anyone who can reach it
  --web-dir DIR   serve this already built web app instead of dist/web (no build)
  -h, --help      this help

Prints the URL on stdout; stop with Ctrl+C.
`;

/** Run `attune serve`; resolves with the exit code once the server is stopped (SIGINT or SIGTERM). */
export async function runServe(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('serve', args, {
    port: { type: 'string' },
    results: { type: 'string' },
    host: { type: 'string' },
    'web-dir': { type: 'string' },
  });
  if (values.help) {
    printText(SERVE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('serve', `unexpected argument '${positionals[0]}'`);
  const port = integerOption('serve', 'port', values.port, 0) ?? DEFAULT_PORT;
  if (port > 65535) throw new UsageError('serve', `--port must be at most 65535, got ${port}`);
  const host = values.host === undefined ? DEFAULT_HOST : String(values.host).trim();
  if (host === '') throw new UsageError('serve', '--host needs an address, e.g. 127.0.0.1');
  const resultsDir = String(values.results ?? 'attune-results');
  const webDir = values['web-dir'] === undefined ? undefined : String(values['web-dir']);
  let server;
  try {
    server = await startServer({ port, host, resultsDir, webDir });
  } catch (error) {
    throw new ExternalError(error instanceof Error ? error.message : String(error));
  }
  if (!isLoopbackHost(host)) note(`attune serve: listening on ${host}: the dashboard and the results are readable by anyone who can reach this address`);
  const none = existsSync(resultsDir) ? '' : ` (no such folder yet: 'attune run --out ${resultsDir}' writes one)`;
  note(`attune serve: results from ${resultsDir}${none}; stop with Ctrl+C`);
  printText(server.url);
  const running = server;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      void running.close().then(done, done);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  return 0;
}
