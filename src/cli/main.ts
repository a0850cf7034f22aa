#!/usr/bin/env node
import { cpus } from 'node:os';
import { readEnvironment } from '../config/read-environment.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`${line}\n`),
  env: readEnvironment(),
  stdin: process.stdin,
  stderr: process.stderr,
  cpus: cpus().length,
};

// stdout may close early (| head): that is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
