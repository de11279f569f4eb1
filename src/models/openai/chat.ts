// One chat-completion question to an OpenAI-compatible endpoint, with our retry loop around the
// `openai` client (whose own retries are off): timeouts, 429/5xx and unreadable bodies are retried.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { withRetries, retryAfterMs, type Failure, type RetryPolicy } from './retry.ts';
import type { TokenPosition } from './read-answer.ts';
import { ExternalError } from '../../core/external-error.ts';

/** The request parameters every question carries besides model and messages. */
export interface ChatParameters {
  temperature: number;
  max_tokens: number;
  logprobs: boolean;
  top_logprobs: number;
}

/** What came back: the answer text, its token log-probabilities when sent, and the usage. */
export interface ChatReply {
  text: string;
  content?: TokenPosition[];
  promptTokens: number;
  completionTokens: number;
}

/** Where and how to ask. */
export interface ChatClientOptions {
  model: string;
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Runs each HTTP attempt (retries included) when a shared limit allows it (default: at once). */
  gate?: <T>(attempt: () => Promise<T>, signal?: AbortSignal) => Promise<T>;
}

/** Asks questions; `requests` counts the HTTP requests sent (retries included). */
export interface ChatClient {
  ask(prompt: string, params: ChatParameters, what: string): Promise<ChatReply>;
  readonly requests: number;
}

class MalformedReply extends Error {}
class TimedOut extends Error {}
/** The shared limit itself failed (not the request it let through): final, with its own error. */
class GateFailed extends Error {}

/** `attempt` run through `gate`; a failure of the gate rather than of the attempt becomes GateFailed. */
async function gated<T>(gate: NonNullable<ChatClientOptions['gate']>, attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  let failed: { error: unknown } | undefined;
  try {
    return await gate(() => attempt().catch((error: unknown) => Promise.reject((failed = { error }).error)), signal);
  } catch (error) {
    if (failed !== undefined && failed.error === error) throw error;
    throw new GateFailed(`the shared request limit failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A client for `options.model` at `options.baseURL`. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { model, baseURL, timeoutMs, signal } = options;
  const client = new OpenAI({ baseURL, apiKey: options.apiKey, timeout: timeoutMs, maxRetries: 0 });
  let requests = 0;

  async function attempt(prompt: string, params: ChatParameters): Promise<ChatReply> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    requests++;
    try {
      const body = await client.chat.completions.create(
        { model, messages: [{ role: 'user', content: prompt }], ...params, stream: false },
        { signal: controller.signal },
      );
      return readReply(body);
    } catch (error) {
      throw timedOut ? new TimedOut(`no complete answer within ${timeoutMs} ms`) : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    get requests() {
      return requests;
    },
    ask(prompt, params, what) {
      const { gate } = options;
      const once = gate ? () => gated(gate, () => attempt(prompt, params), signal) : () => attempt(prompt, params);
      return withRetries(once, (error) => judge(error, model, baseURL), options.retry, {
        signal,
        what: `${model} at ${baseURL}, ${what}`,
        onRetry: (n, failure, wait) =>
          options.log?.(`openai: ${what}: ${failure.message}; retry ${n}/${options.retry.maxRetries} in ${(wait / 1000).toFixed(2)} s`),
      });
    },
  };
}

/** The answer text, token log-probabilities and usage of a chat-completion body; MalformedReply when it has no choices. */
function readReply(body: unknown): ChatReply {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (typeof body !== 'object' || !Array.isArray(choices) || choices.length === 0) {
    throw new MalformedReply(`the response has no choices: ${String(JSON.stringify(body)).slice(0, 120)}`);
  }
  const choice = choices[0] as { message?: { content?: unknown }; logprobs?: { content?: unknown } | null };
  const text = typeof choice.message?.content === 'string' ? choice.message.content : '';
  const content = Array.isArray(choice.logprobs?.content) ? (choice.logprobs.content as TokenPosition[]) : undefined;
  const usage = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { text, content, promptTokens: count(usage?.prompt_tokens), completionTokens: count(usage?.completion_tokens) };
}

/** Whether a failed attempt is worth retrying, and the Error for those that are not. */
function judge(error: unknown, model: string, baseURL: string): Failure {
  if (error instanceof TimedOut || error instanceof APIConnectionTimeoutError) return { retry: true, message: 'timed out: ' + error.message };
  if (error instanceof MalformedReply) return { retry: true, message: error.message };
  if (error instanceof GateFailed) return { retry: false, message: error.message, error };
  if (error instanceof APIUserAbortError) return { retry: false, message: 'aborted' };
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    return { retry: true, message: `connection failed: ${cause instanceof Error ? cause.message : error.message}` };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = serverMessage(error);
    if (status === 429) return { retry: true, message: `rate limited (429): ${detail}`, waitMs: retryAfterMs(error.headers) };
    if (status === 408 || status === 409 || status >= 500) return { retry: true, message: `server error (${status}): ${detail}`, waitMs: retryAfterMs(error.headers) };
    if (status === 401 || status === 403) {
      const hint = `check OPENAI_API_KEY (and OPENAI_BASE_URL: ${baseURL})`;
      return { retry: false, message: detail, error: new ExternalError(`the endpoint refused the API key (${status}): ${detail}; ${hint}`) };
    }
    const hint = status === 404 ? `; is '${model}' a model this endpoint serves, and is ${baseURL} the right base URL?` : '';
    return { retry: false, message: detail, error: new ExternalError(`the endpoint rejected the request for ${model} (${status}): ${detail}${hint}`) };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError) return { retry: true, message: `the response is not valid JSON: ${message}` };
  return { retry: true, message: `the response could not be read: ${message}` };
}

/** The server's own error message (the `error.message` of an OpenAI-style body), else the client's text. */
function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string' && body.message !== '') return body.message;
  return error.message.replace(/^\d{3}\s*/, '') || 'no message';
}
