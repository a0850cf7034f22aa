import { grown } from './typed-arrays.js';

/**
 * Every held record's JSON as UTF-8, in large chunks, found by slot. One Buffer per record would be a million
 * small objects (and, from Node's 8 kB pools, some 175,000 ArrayBuffers) for the garbage collector to visit at
 * every full collection of a serving process; a few hundred chunks are nothing to it. Rewritten and removed
 * records leave garbage behind: a chunk with no live record left is given back, and when the chunks hold more
 * than twice the live bytes (and two chunks more) the live records are copied into fresh ones.
 */
export interface RecordBytes {
  put(slot: number, json: string): void;
  drop(slot: number): void;
  /** A view of the slot's bytes (no copy). */
  get(slot: number): Buffer;
  clear(): void;
  /** Bytes of the records held (not the chunks' garbage). */
  readonly bytes: number;
  /** Bytes of the chunks themselves. */
  readonly allocated: number;
}

export const RECORD_CHUNK = 16 * 1024 * 1024;

export function recordBytes(chunkSize = RECORD_CHUNK): RecordBytes {
  let chunks: (Buffer | null)[] = [];
  let liveIn: number[] = [];
  let chunkOf = new Int32Array(1024).fill(-1);
  let offset = new Int32Array(1024);
  let length = new Int32Array(1024);
  let slots = 0;
  let tail = 0;
  let live = 0;
  let allocated = 0;

  function room(slot: number): void {
    slots = Math.max(slots, slot + 1);
    if (slot < chunkOf.length) return;
    const size = Math.max(slot + 1, chunkOf.length * 2);
    chunkOf = grown(chunkOf, size, -1);
    offset = grown(offset, size);
    length = grown(length, size);
  }

  function drop(slot: number): void {
    const chunk = slot < chunkOf.length ? chunkOf[slot]! : -1;
    if (chunk < 0) return;
    live -= length[slot]!;
    liveIn[chunk]! -= length[slot]!;
    chunkOf[slot] = -1;
    // a chunk left with no live record is given back, unless it is the one still being filled
    if (liveIn[chunk] === 0 && chunk !== chunks.length - 1) {
      allocated -= chunks[chunk]!.length;
      chunks[chunk] = null;
    }
  }

  /** Where `size` bytes go: the end of the last chunk, or a new chunk. */
  function place(size: number): number {
    const last = chunks[chunks.length - 1];
    if (last === undefined || last === null || tail + size > last.length) {
      const fresh = Buffer.allocUnsafeSlow(Math.max(chunkSize, size));
      chunks.push(fresh);
      liveIn.push(0);
      allocated += fresh.length;
      tail = 0;
    }
    return chunks.length - 1;
  }

  function record(slot: number, chunk: number, size: number): void {
    chunkOf[slot] = chunk;
    offset[slot] = tail;
    length[slot] = size;
    tail += size;
    liveIn[chunk]! += size;
    live += size;
  }

  function compact(): void {
    const [old, oldOf, oldOffset, oldLength] = [chunks, chunkOf.slice(), offset.slice(), length.slice()];
    chunks = [];
    liveIn = [];
    allocated = live = 0;
    chunkOf.fill(-1);
    for (let s = 0; s < slots; s++) {
      if (oldOf[s]! < 0) continue;
      const size = oldLength[s]!;
      const chunk = place(size);
      old[oldOf[s]!]!.copy(chunks[chunk]!, tail, oldOffset[s]!, oldOffset[s]! + size);
      record(s, chunk, size);
    }
  }

  return {
    put(slot, json) {
      room(slot);
      drop(slot);
      if (allocated > 2 * live + 2 * chunkSize) compact();
      const size = Buffer.byteLength(json);
      const chunk = place(size);
      chunks[chunk]!.write(json, tail);
      record(slot, chunk, size);
    },
    drop,
    get(slot) {
      const chunk = chunks[chunkOf[slot]!]!;
      return chunk.subarray(offset[slot]!, offset[slot]! + length[slot]!);
    },
    clear() {
      chunks = [];
      liveIn = [];
      chunkOf = new Int32Array(1024).fill(-1);
      offset = new Int32Array(1024);
      length = new Int32Array(1024);
      slots = tail = live = allocated = 0;
    },
    get bytes() {
      return live;
    },
    get allocated() {
      return allocated;
    },
  };
}
