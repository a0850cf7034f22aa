// The same window that `file` and git use to tell text from binary.
const SNIFF_BYTES = 8192;
// Share of replacement or control characters above which the bytes are not text in any encoding we read.
const MAX_NON_TEXT_SHARE = 0.1;
// eslint-disable-next-line no-control-regex -- matching control characters is the purpose
const NON_TEXT = /[\uFFFD\0-\x08\x0E-\x1A\x1C-\x1F\x7F]/g;

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** NUL bytes, or mostly undecodable or control bytes, in the first 8 KB (UTF-16 with a BOM counts as text). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0) ? !hasUtf16Bom(bytes) : mostlyBinary(bytes);
}

/**
 * Mostly undecodable or control bytes in the first 8 KB: a compressed or database file, whatever its name. A
 * stray NUL alone does not count, for a batch whose one bad line holds one must lose that line, not the batch.
 */
export function mostlyBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.length === 0 || hasUtf16Bom(head)) return false;
  const text = new TextDecoder('utf-8').decode(head);
  const bad = text.match(NON_TEXT)?.length ?? 0;
  return bad / Math.max(1, text.length) > MAX_NON_TEXT_SHARE;
}

function decoder(label: string, fatal: boolean): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null;
  }
}

/**
 * Bytes to a string: a BOM decides; otherwise the declared charset, then UTF-8, then Windows-1252 for the
 * old single-byte pages that are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array, charset: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = charset === null ? null : decoder(charset, false);
  if (declared !== null && declared.encoding !== 'utf-8') return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return (decoder('windows-1252', false) ?? new TextDecoder('utf-8')).decode(bytes);
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  const view = chunk as Uint8Array;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

export type CappedBytes =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly read: number };

/** Reads a stream to its end, or stops as soon as it passes maxBytes (so a huge input never sits in memory). */
export async function readCapped(stream: AsyncIterable<unknown>, maxBytes: number): Promise<CappedBytes> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = toBuffer(chunk);
    total += buffer.length;
    if (total > maxBytes) return { ok: false, read: total };
    chunks.push(buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
