import { databaseServerProcesses } from './cpu-quota.js';

/**
 * CPU seconds spent by the processes of a PostgreSQL server on this machine (postmaster, backends, background
 * workers), read from /proc. A backend that ends between two readings keeps what it had spent at the last one, so
 * that a connection closed mid-run takes nothing away from the sum: read often (the queue bench reads five times a
 * second), the sum misses at most a reading's interval of each ended process.
 */
export class DatabaseCpu {
  /** By process and its start time: a process id the system gives again is another process. */
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly dataDirectory: string,
    private readonly procRoot = '/proc',
  ) {}

  /** The server's processes' CPU seconds, each over its whole life as of its last reading: compare two readings. */
  read(): number {
    // each process's stat line is read once, as it is listed
    for (const { pid, fields } of databaseServerProcesses(this.dataDirectory, this.procRoot)) {
      // utime and stime, then starttime, in clock ticks (100 a second on Linux)
      this.spent.set(`${pid}@${fields[19]}`, (Number(fields[11]) + Number(fields[12])) / 100);
    }
    let sum = 0;
    for (const seconds of this.spent.values()) sum += seconds;
    return sum;
  }
}
