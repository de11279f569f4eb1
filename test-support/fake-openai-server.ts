// A fake OpenAI-compatible endpoint on 127.0.0.1 (a real node:http server) for the rater's tests:
// POST /v1/chat/completions with bearer-key checks, deterministic answers with log-probabilities
// derived from the item, usage counts, a log of every request, and scripted faults.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a request may be answered with instead of a normal answer. */
export type Fault =
  | { kind: '429'; retryAfter?: string; retryAfterMs?: string }
  | { kind: '500' }
  | { kind: 'hang' } // never answers
  | { kind: 'truncate' } // 200, half the JSON body, honest content-length
  | { kind: 'cut' } // 200, full content-length declared, connection closed after half
  | { kind: 'no-choices' }; // 200, valid JSON without choices

/** A scripted fault: on request number `request` (1-based), or on the first `times` (default 1) requests for `item`. */
export interface FaultRule {
  request?: number;
  item?: string;
  times?: number;
  fault: Fault;
}

/** A fixed answer for an item: top tokens with probabilities (sorted as given), the text (default: the first token). */
export interface FixedAnswer {
  top: [string, number][];
  text?: string;
}

/** One request as the server saw it. */
export interface LoggedRequest {
  n: number;
  /** performance.now() when the request arrived. */
  at: number;
  item: string;
  model: string;
  body: Record<string, unknown>;
  outcome: 'ok' | '401' | '404' | 'down' | Fault['kind'];
  /** The answer's top tokens with logprobs, when it answered. */
  top?: { token: string; logprob: number }[];
  text?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** Options of startFakeServer. */
export interface FakeServerOptions {
  apiKey?: string;
  models?: string[];
  faults?: FaultRule[];
  answers?: Record<string, FixedAnswer>;
  /** false: answers carry no log-probabilities (logprobs: null). */
  logprobs?: boolean;
  /** Wait this long before each normal answer (to observe concurrency). */
  delayMs?: number;
}

/** A running fake endpoint. */
export interface FakeServer {
  baseURL: string;
  log: LoggedRequest[];
  faults: FaultRule[];
  /** After this many normal answers every request hangs (set to Infinity to resume). */
  answerLimit: number;
  answered: number;
  /** The most requests that were open at once. */
  maxActive: number;
  close(): Promise<void>;
}

/** The candidate tokens of the default answers: digits, numbers, letters and junk, 20 in all. */
export const DEFAULT_TOKENS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ' 5', '10', '42', '87', '100', 'A', 'B', 'C', ' B', 'x', 'The'];

/** The default answer for an item: weights 1 + byte i of sha256(item) over DEFAULT_TOKENS, 0.96 of the mass, sorted. */
export function defaultTop(item: string): { token: string; logprob: number }[] {
  const bytes = createHash('sha256').update(item).digest();
  const weights = DEFAULT_TOKENS.map((_, i) => 1 + bytes[i]);
  const sum = weights.reduce((s, w) => s + w, 0);
  return DEFAULT_TOKENS.map((token, i) => ({ token, logprob: Math.log((0.96 * weights[i]) / sum) })).sort((a, b) => b.logprob - a.logprob);
}

/** The item a prompt is about, from its 'Word:', 'Word 1:'/'Word 2:' or 'A:'/'B:'/'C:' lines, joined by '|'. */
export function itemOf(prompt: string): string {
  const grab = (label: string): string | undefined => new RegExp(`^${label}: (.*)$`, 'm').exec(prompt)?.[1];
  const parts = [grab('Word'), grab('Word 1'), grab('Word 2'), grab('A'), grab('B'), grab('C')].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join('|') : prompt;
}

/** Start the server on 127.0.0.1, port 0. */
export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const key = options.apiKey ?? 'test-key';
  const sockets = new Set<Socket>();
  const perItem = new Map<FaultRule, number>();
  const state: FakeServer = { baseURL: '', log: [], faults: options.faults ?? [], answerLimit: Infinity, answered: 0, maxActive: 0, close: async () => undefined };

  let active = 0;
  const server = createServer((req, res) => {
    active++;
    state.maxActive = Math.max(state.maxActive, active);
    res.on('close', () => active--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    const body = JSON.parse(raw) as { model: string; messages: { content: string }[]; logprobs?: boolean };
    const prompt = body.messages[body.messages.length - 1].content;
    const entry: LoggedRequest = { n: state.log.length + 1, at: performance.now(), item: itemOf(prompt), model: body.model, body, outcome: 'ok' };
    state.log.push(entry);
    if (req.headers.authorization !== `Bearer ${key}`) {
      entry.outcome = '401';
      return send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    if (options.models && !options.models.includes(body.model)) {
      entry.outcome = '404';
      return send(res, 404, { error: { message: `The model \`${body.model}\` does not exist.`, type: 'invalid_request_error', code: 'model_not_found' } });
    }
    if (state.answered >= state.answerLimit) return void (entry.outcome = 'down');
    const rule = state.faults.find((r) => (r.request !== undefined ? r.request === entry.n : r.item === entry.item && (perItem.get(r) ?? 0) < (r.times ?? 1)));
    if (rule && rule.request === undefined) perItem.set(rule, (perItem.get(rule) ?? 0) + 1);
    const fault = rule?.fault;
    if (fault) entry.outcome = fault.kind;
    if (fault?.kind === 'hang') return;
    if (fault?.kind === '429') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
      return send(res, 429, { error: { message: 'Rate limit reached.', type: 'requests', code: 'rate_limit_exceeded' } }, headers);
    }
    if (fault?.kind === '500') return send(res, 500, { error: { message: 'The server had an error.', type: 'server_error' } });
    if (fault?.kind === 'no-choices') return send(res, 200, { id: 'x', object: 'chat.completion', model: body.model });
    const fixed = options.answers?.[entry.item];
    const top = fixed ? fixed.top.map(([token, p]) => ({ token, logprob: Math.log(p) })) : defaultTop(entry.item);
    const text = fixed?.text ?? top[0].token;
    const usage = { prompt_tokens: prompt.split(/\s+/).filter(Boolean).length, completion_tokens: 1 };
    const withLogprobs = options.logprobs !== false && body.logprobs === true;
    const logprobs = withLogprobs ? { content: [{ token: top[0].token, logprob: top[0].logprob, bytes: null, top_logprobs: top.map((t) => ({ ...t, bytes: null })) }] } : null;
    const answer = {
      id: `chatcmpl-${entry.n}`,
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    };
    const json = JSON.stringify(answer);
    if (fault?.kind === 'truncate') return send(res, 200, json.slice(0, json.length >> 1));
    if (fault?.kind === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
      res.write(json.slice(0, json.length >> 1));
      return void setTimeout(() => res.socket?.destroy(), 5);
    }
    Object.assign(entry, { top, text, usage });
    state.answered++;
    if (options.delayMs) setTimeout(() => send(res, 200, json), options.delayMs);
    else send(res, 200, json);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Start servers for a test file and close them all when it ends: `const server = serverPool(after)`. */
export function serverPool(after: (fn: () => Promise<unknown>) => void): (options?: FakeServerOptions) => Promise<FakeServer> {
  const servers: FakeServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  return async (options = {}) => {
    const s = await startFakeServer(options);
    servers.push(s);
    return s;
  };
}
