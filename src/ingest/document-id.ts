import { createHash } from 'node:crypto';

/** 'doc_' + the first 16 hex characters of the SHA-256 of the clean text: the same text always has the same id. */
export function documentId(cleanText: string): string {
  return `doc_${createHash('sha256').update(cleanText, 'utf8').digest('hex').slice(0, 16)}`;
}
