/**
 * Keys typed at a terminal, one at a time (the terminal put in raw mode, so no Enter is needed), or read from
 * piped input, where whitespace between keys is skipped so that "c\nx\n" and "cx" read alike. Ends (null) with
 * the input, or at Ctrl-C / Ctrl-D on a terminal.
 */
export function keyReader(stdin: NodeJS.ReadableStream): { next(): Promise<string | null>; close(): void } {
  const tty = stdin as NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  const raw = tty.isTTY === true && typeof tty.setRawMode === 'function';
  if (raw) tty.setRawMode!(true);
  const held: string[] = [];
  let ended = false;
  let waiting: ((key: string | null) => void) | null = null;
  const give = (): void => {
    if (waiting === null) return;
    const key = held.shift();
    if (key !== undefined || ended) {
      const resolve = waiting;
      waiting = null;
      resolve(key ?? null);
    }
  };
  const onData = (chunk: Buffer | string): void => {
    for (const ch of String(chunk)) {
      if (ch === '\u0003' || ch === '\u0004') ended = true;
      else if (!/\s/.test(ch)) held.push(ch);
    }
    give();
  };
  const onEnd = (): void => {
    ended = true;
    give();
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  return {
    next: () =>
      new Promise((resolve) => {
        waiting = resolve;
        give();
      }),
    close: () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (raw) tty.setRawMode!(false);
      stdin.pause();
    },
  };
}
