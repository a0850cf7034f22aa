import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procStatFields } from './proc-stat.js';

/**
 * CPU budgets of their own for groups of processes, from the kernel's cgroup CPU controller (v1's CFS quota or
 * v2's cpu.max): on one machine, the queue bench gives the database and each worker a share of the cores that
 * the others cannot take, as if each ran on a machine of its own. A group may also be held to cores of its own
 * (the cpuset controller), so that its processes keep their cores' caches, as on a machine of their own. Writing a
 * cgroup needs root.
 */
export interface CpuController {
  readonly kind: 'v1' | 'v2';
  /** The folder under which groups are made, and whose `cgroup.procs` takes processes back. */
  readonly dir: string;
  /**
   * Where groups are held to cores: v1's cpuset hierarchy (a tree of its own), v2's one tree (`dir`) when it offers
   * the cpuset controller; null when the kernel offers none.
   */
  readonly cpusetDir: string | null;
}

export interface CpuGroup {
  readonly dir: string;
  /** The group's folder in v1's cpuset hierarchy, when it is held to cores there (v2 holds it in `dir`). */
  readonly cpusetDir: string | null;
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
  if (existsSync(join(root, 'cpu', 'cpu.cfs_quota_us'))) {
    const cpuset = join(root, 'cpuset');
    return {
      kind: 'v1',
      dir: join(root, 'cpu'),
      cpusetDir: existsSync(join(cpuset, 'cpuset.cpus')) ? cpuset : null,
    };
  }
  const controllers = join(root, 'cgroup.controllers');
  const listed = existsSync(controllers) ? readFileSync(controllers, 'utf8').split(/\s+/) : [];
  if (listed.includes('cpu'))
    return { kind: 'v2', dir: root, cpusetDir: listed.includes('cpuset') ? root : null };
  return `no cgroup CPU controller under ${root}`;
}

/**
 * The cores worker `index` (from 0) is held to when each worker has `cores` cores' budget on a machine of
 * `machineCores`: a run of whole cores of its own, in cpuset's list form ("1", "2-3"); workers past the machine's
 * cores start again from core 0.
 */
export function workerCores(index: number, cores: number, machineCores: number): string {
  const width = Math.min(Math.max(1, Math.ceil(cores)), machineCores);
  const first = (index * width) % machineCores;
  const last = Math.min(first + width, machineCores) - 1;
  return first === last ? String(first) : `${first}-${last}`;
}

/**
 * A new group of `cores` cores named `name`, held to the cores listed in `pin` when given (one left by an earlier
 * run is emptied and made again).
 */
export function createCpuGroup(
  controller: CpuController,
  name: string,
  cores: number,
  pin: string | null = null,
): CpuGroup {
  if (pin !== null && controller.cpusetDir === null)
    throw new Error(
      `holding a group to cores needs the cgroup cpuset controller, which ${controller.dir} lacks`,
    );
  const dir = join(controller.dir, name);
  const cpusetDir = pin !== null && controller.kind === 'v1' ? join(controller.cpusetDir!, name) : null;
  releaseCpuGroup(controller, { dir, cpusetDir });
  // v2 hands a controller to children only once the parent enables it
  if (controller.kind === 'v2')
    writeFileSync(join(controller.dir, 'cgroup.subtree_control'), pin === null ? '+cpu' : '+cpu +cpuset');
  mkdirSync(dir);
  for (const [file, value] of Object.entries(quotaFiles(controller.kind, cores)))
    writeFileSync(join(dir, file), value);
  if (pin !== null && cpusetDir === null) writeFileSync(join(dir, 'cpuset.cpus'), pin);
  if (cpusetDir !== null) {
    mkdirSync(cpusetDir);
    // a v1 cpuset takes no process until its memory nodes are set: the parent's, all of them
    writeFileSync(
      join(cpusetDir, 'cpuset.mems'),
      readFileSync(join(controller.cpusetDir!, 'cpuset.mems'), 'utf8').trim(),
    );
    writeFileSync(join(cpusetDir, 'cpuset.cpus'), pin!);
  }
  return { dir, cpusetDir };
}

/** Moves a process (all its threads) into the group; the processes it forks after are born there. */
export function moveIntoCpuGroup(group: CpuGroup, pid: number): void {
  for (const dir of groupDirs(group)) writeFileSync(join(dir, 'cgroup.procs'), String(pid));
}

function groupDirs(group: CpuGroup): readonly string[] {
  return group.cpusetDir === null ? [group.dir] : [group.dir, group.cpusetDir];
}

/**
 * Gives the group's processes back to the top group of each hierarchy it is in, and removes the group (what is not
 * there, from a run that ended before it made it, is skipped). A process born in the group meanwhile (a backend
 * the server forks) makes the removal fail as busy: the group is emptied again and removed on the next try.
 */
export function releaseCpuGroup(controller: CpuController, group: CpuGroup): void {
  for (const dir of groupDirs(group)) {
    const top = dir === group.cpusetDir ? controller.cpusetDir! : controller.dir;
    for (let attempt = 1; existsSync(dir); attempt++) {
      const procs = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
      for (const pid of procs) {
        try {
          writeFileSync(join(top, 'cgroup.procs'), pid);
        } catch {
          // a process that ended meanwhile has nothing to move
        }
      }
      try {
        rmdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EBUSY' || attempt === RELEASE_ATTEMPTS) throw error;
      }
    }
  }
}

const RELEASE_ATTEMPTS = 100;

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
