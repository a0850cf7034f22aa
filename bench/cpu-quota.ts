import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procStatFields } from './proc-stat.js';

/**
 * CPU budgets of their own for groups of processes, from the kernel's cgroup CPU controller (v1's CFS quota or
 * v2's cpu.max): on one machine, the queue bench gives the database and each worker a share of the cores that
 * the others cannot take, as if each ran on a machine of its own. Writing a cgroup needs root.
 */
export interface CpuController {
  readonly kind: 'v1' | 'v2';
  /** The folder under which groups are made, and whose `cgroup.procs` takes processes back. */
  readonly dir: string;
}

export interface CpuGroup {
  readonly dir: string;
}

const PERIOD_US = 100_000;

/** The files that cap a group at `cores` cores, and what each holds. */
export function quotaFiles(kind: CpuController['kind'], cores: number): Readonly<Record<string, string>> {
  if (!(cores > 0)) throw new Error(`a CPU quota of ${cores} cores is not a budget`);
  const quota = String(Math.round(cores * PERIOD_US));
  return kind === 'v1'
    ? { 'cpu.cfs_period_us': String(PERIOD_US), 'cpu.cfs_quota_us': quota }
    : { 'cpu.max': `${quota} ${PERIOD_US}` };
}

/** The CPU controller under `root` (the cgroup file system), or why there is none to use. */
export function findCpuController(root = '/sys/fs/cgroup'): CpuController | string {
  if (existsSync(join(root, 'cpu', 'cpu.cfs_quota_us'))) return { kind: 'v1', dir: join(root, 'cpu') };
  const controllers = join(root, 'cgroup.controllers');
  if (existsSync(controllers) && readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu'))
    return { kind: 'v2', dir: root };
  return `no cgroup CPU controller under ${root}`;
}

/** A new group of `cores` cores named `name` (one left by an earlier run is emptied and made again). */
export function createCpuGroup(controller: CpuController, name: string, cores: number): CpuGroup {
  const dir = join(controller.dir, name);
  if (existsSync(dir)) releaseCpuGroup(controller, { dir });
  // v2 hands the cpu controller to children only once the parent enables it
  if (controller.kind === 'v2') writeFileSync(join(controller.dir, 'cgroup.subtree_control'), '+cpu');
  mkdirSync(dir);
  for (const [file, value] of Object.entries(quotaFiles(controller.kind, cores)))
    writeFileSync(join(dir, file), value);
  return { dir };
}

/** Moves a process (all its threads) into the group; the processes it forks after are born there. */
export function moveIntoCpuGroup(group: CpuGroup, pid: number): void {
  writeFileSync(join(group.dir, 'cgroup.procs'), String(pid));
}

/** Gives the group's processes back to the top group and removes the group. */
export function releaseCpuGroup(controller: CpuController, group: CpuGroup): void {
  const procs = readFileSync(join(group.dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
  for (const pid of procs) {
    try {
      writeFileSync(join(controller.dir, 'cgroup.procs'), pid);
    } catch {
      // a process that ended meanwhile has nothing to move
    }
  }
  rmdirSync(group.dir);
}

/** A process of the database server, with its /proc stat fields as read when it was listed. */
export interface ServerProcess {
  readonly pid: number;
  readonly fields: readonly string[];
}

/**
 * The PostgreSQL server's processes on this machine: the postmaster named in its data directory's
 * `postmaster.pid`, and its children (the backends it forks later are born in the postmaster's group), each with
 * the stat line it was found by, read once.
 */
export function databaseServerProcesses(dataDirectory: string, procRoot = '/proc'): readonly ServerProcess[] {
  const postmaster = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 0)
    throw new Error(`${dataDirectory}/postmaster.pid names no process`);
  const found: ServerProcess[] = [];
  for (const name of readdirSync(procRoot)) {
    if (!/^\d+$/.test(name)) continue;
    const fields = procStatFields(name, procRoot);
    if (fields && (Number(name) === postmaster || Number(fields[1]) === postmaster))
      found.push({ pid: Number(name), fields });
  }
  // the postmaster first, then its children in the order /proc lists them
  return found.sort((a, b) => Number(b.pid === postmaster) - Number(a.pid === postmaster));
}

/** The pids of `databaseServerProcesses`. */
export function databaseServerPids(dataDirectory: string, procRoot = '/proc'): readonly number[] {
  return databaseServerProcesses(dataDirectory, procRoot).map((p) => p.pid);
}
