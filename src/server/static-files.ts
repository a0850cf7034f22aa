import { basename, dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

// Vite names every file under assets/ by a hash of its content: a changed file is a new name, so a browser may
// keep one for a year without asking again. index.html names them, so it is asked for afresh every time.
// (the path may be that of the .br or .gz copy)
const FINGERPRINT = /-[\w-]{8}\.[a-z]+(?:\.br|\.gz)?$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

function fingerprinted(path: string): boolean {
  return basename(dirname(path)) === 'assets' && FINGERPRINT.test(basename(path));
}

/** The built page: pre-compressed copies (.br, .gz) when the browser accepts them, cached by what they are. */
export async function staticFiles(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    // an array: with preCompressed, @fastify/static looks for the index of / only in an array
    index: ['index.html'],
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', fingerprinted(path) ? IMMUTABLE : REVALIDATE);
      // the answer depends on Accept-Encoding: a shared cache must not hand brotli to a browser that asked for none
      res.setHeader('vary', 'accept-encoding');
    },
  });
}
