import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fields of a process's /proc/PID/stat after "pid (name) ", so that state is [0], the parent [1], user and
 * system time (in clock ticks) [11] and [12]; null when the process is gone. A name may hold spaces and
 * parentheses: the fields start after the last ')'.
 */
export function procStatFields(pid: number | string, procRoot = '/proc'): readonly string[] | null {
  try {
    const stat = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
