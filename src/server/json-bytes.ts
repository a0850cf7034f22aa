import type { FastifyReply } from 'fastify';

/**
 * A JSON answer as UTF-8 bytes, written around stored JSON texts without joining them into one string first.
 * Joining a hundred records of a page into one string and encoding that measured near 2 ms per page (V8 builds
 * and flattens a string of 100+ kB, then encodes it on a slow path, and the garbage of both comes back as
 * collections); encoding each record apart and concatenating the bytes takes about a tenth of that.
 */
export function jsonWithArray(head: string, items: readonly string[], tail: string): Buffer {
  return Buffer.concat(
    jsonParts(
      head,
      items.map((item) => Buffer.from(item)),
      tail,
    ),
  );
}

/** `head`, the items with a comma between each two, and `tail`, as the bytes of one answer. */
function jsonParts(head: string, items: readonly Buffer[], tail: string): Buffer[] {
  const parts: Buffer[] = [Buffer.from(head)];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from(tail));
  return parts;
}

const COMMA = Buffer.from(',');

/**
 * Sends `head`, the items joined by commas, and `tail` as one JSON answer, writing each part where it lies: the
 * reply is taken over from Fastify (hijack) with the headers it already holds, its length set, and the parts
 * written in one corked batch (one writev). The same answer through `send` would be joined into a new buffer
 * first: at thousands of answers a second those buffers are what sets the garbage collector running.
 */
export function sendJsonParts(
  reply: FastifyReply,
  head: string,
  items: readonly Buffer[],
  tail: string,
): void {
  const parts = jsonParts(head, items, tail);
  let length = 0;
  for (const part of parts) length += part.byteLength;
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) raw.setHeader(name, value);
  raw.setHeader('content-type', 'application/json; charset=utf-8');
  raw.setHeader('content-length', length);
  raw.statusCode = 200;
  raw.cork();
  for (const part of parts) {
    // a client gone mid-answer: each further write would only raise an error
    if (raw.destroyed) return;
    raw.write(part);
  }
  raw.end();
}
