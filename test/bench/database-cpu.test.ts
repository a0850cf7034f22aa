import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseCpu } from '../../bench/database-cpu.js';

// a data directory and a proc file system laid out as the server and the kernel lay them out
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function server(): {
  data: string;
  stat: (pid: number, parent: number, ticks: number, started: number) => void;
  end: (pid: number) => void;
} {
  root = mkdtempSync(join(tmpdir(), 'faultline-dbcpu-'));
  const data = join(root, 'data');
  const proc = join(root, 'proc');
  mkdirSync(data);
  writeFileSync(join(data, 'postmaster.pid'), '100\n');
  return {
    data,
    // fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    // cutime cstime priority nice threads itrealvalue starttime
    stat(pid, parent, ticks, started) {
      mkdirSync(join(proc, String(pid)), { recursive: true });
      const fields = ['S', parent, 1, 1, 0, -1, 0, 0, 0, 0, 0, ticks, ticks, 0, 0, 20, 0, 1, 0, started];
      writeFileSync(join(proc, String(pid), 'stat'), `${pid} (postgres) ${fields.join(' ')}\n`);
    },
    end(pid) {
      rmSync(join(proc, String(pid)), { recursive: true });
    },
  };
}

describe('DatabaseCpu', () => {
  it("sums the server's processes, user and system time, and nobody else's", () => {
    const s = server();
    s.stat(100, 1, 50, 10);
    s.stat(101, 100, 100, 20);
    s.stat(102, 1, 9_000, 30); // not the server's
    expect(new DatabaseCpu(s.data, join(root, 'proc')).read()).toBeCloseTo(3, 6);
  });

  it('keeps what an ended backend spent, and counts a reused process id as another process', () => {
    const s = server();
    const proc = join(root, 'proc');
    s.stat(100, 1, 50, 10);
    s.stat(101, 100, 100, 20);
    const meter = new DatabaseCpu(s.data, proc);
    expect(meter.read()).toBeCloseTo(3, 6);
    s.stat(101, 100, 150, 20);
    expect(meter.read()).toBeCloseTo(4, 6);
    s.end(101);
    expect(meter.read()).toBeCloseTo(4, 6);
    // the same id, given to a new backend later: its time adds to the old one's rather than replacing it
    s.stat(101, 100, 25, 500);
    expect(meter.read()).toBeCloseTo(4.5, 6);
  });
});
