// The dashboard's HTTP server (node:http): 127.0.0.1 unless another host is asked for, 16 KiB of headers at most,
// bounded request and idle times, every request through handleRequest.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { isLoopbackHost } from './host-check.ts';
import { handleRequest } from './routes.ts';
import { ensureWebBuild } from './web-build.ts';

/** What startServer listens on and serves. */
export interface ServerOptions {
  /** Port (default 4173; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1, loopback only). */
  host?: string;
  /** The results folder whose results.json files the API lists. */
  resultsDir: string;
  /** The built web app's folder (default: dist/web, built first when stale). */
  webDir?: string;
}

/** A running server: its URL and port, and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** The bound address, as server.address() reports it. */
  address: AddressInfo;
  close(): Promise<void>;
}

/** Default port and host of `attune serve`. */
export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';
/** The largest request head accepted (16 KiB; larger ones get 431). */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Start the dashboard server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const webDir = resolve(options.webDir ?? (await ensureWebBuild()));
  const host = options.host ?? DEFAULT_HOST;
  const ctx = { resultsDir: resolve(options.resultsDir), webDir, loopback: isLoopbackHost(host) };
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
    void handleRequest(req, res, ctx);
  });
  server.timeout = 60_000; // idle sockets
  await listen(server, options.port ?? DEFAULT_PORT, host);
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}/`, port: address.port, address, close: () => closeServer(server) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (try --port N)` : error.message;
      fail(new Error(`cannot listen on ${host}:${port}: ${why}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done();
    });
  });
}

/** Stop accepting, end idle keep-alive connections, and resolve when every connection is closed. */
function closeServer(server: Server): Promise<void> {
  return new Promise((done, fail) => {
    server.close((error) => (error ? fail(error) : done()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), 2_000);
    timer.unref();
  });
}
