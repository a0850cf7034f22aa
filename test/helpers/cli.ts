import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the real CLI in-process with captured output and an optional stdin text. */
export async function cli(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const stderr = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (line) => {
      err += `${line}\n`;
    },
    env: options.env ?? {},
    stdin,
    stderr,
    cpus: 1,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}
