import { request, type ClientRequest } from 'node:http';

/** One Server-Sent Events message as a browser would dispatch it (a block with only an id is kept too). */
export interface SseMessage {
  readonly event: string | null;
  readonly id: string | null;
  readonly data: string | null;
}

/** A plain HTTP reader of an event stream, for tests: it keeps every message and waits for the one asked for. */
export interface SseClient {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly messages: readonly SseMessage[];
  readonly comments: number;
  /** Settles when the server ends the stream. */
  readonly ended: Promise<void>;
  /** The first message (from the start of the stream) that `match` accepts, waiting up to `timeoutMs`. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    let comments = 0;
    let waiters: (() => void)[] = [];
    let req: ClientRequest | null = null;
    req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event: string | null = null;
          let id: string | null = null;
          let data: string | null = null;
          let fields = 0;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments++;
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: '))
              data = data === null ? line.slice(6) : `${data}\n${line.slice(6)}`;
            else continue;
            if (!line.startsWith(':')) fields++;
          }
          if (fields > 0) messages.push({ event, id, data });
          const due = waiters;
          waiters = [];
          for (const w of due) w();
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        messages,
        get comments() {
          return comments;
        },
        ended,
        waitFor(match, timeoutMs = 10_000) {
          return new Promise((found, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no matching message in ${timeoutMs} ms: ${JSON.stringify(messages)}`)),
              timeoutMs,
            );
            const check = (): void => {
              const hit = messages.find(match);
              if (hit) {
                clearTimeout(timer);
                found(hit);
              } else waiters.push(check);
            };
            check();
          });
        },
        close: () => req?.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
