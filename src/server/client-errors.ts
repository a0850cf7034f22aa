import type { Socket } from 'node:net';

/** What the server answers, before any route, to bytes that are not an HTTP request it can read. */
const ANSWERS: Readonly<Record<string, { status: string; message: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', message: 'request: was not received in time' },
  HPE_HEADER_OVERFLOW: {
    status: '431 Request Header Fields Too Large',
    message: 'headers: are larger than the server reads',
  },
};
const MALFORMED = { status: '400 Bad Request', message: 'request: is not valid HTTP' };

/**
 * Fastify's clientErrorHandler with the API's error body ({"error", "message"}), so that even a request the HTTP
 * parser refuses is answered in the one form the API documents.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // a reset connection has no one left to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ error: 'FL_ERR_BAD_ARGUMENT', message: answer.message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${answer.status}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
