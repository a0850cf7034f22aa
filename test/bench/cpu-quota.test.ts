import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCpuGroup,
  databaseServerPids,
  databaseServerProcesses,
  findCpuController,
  moveIntoCpuGroup,
  quotaFiles,
  workerCores,
} from '../../bench/cpu-quota.js';

// a folder laid out as the kernel lays out its cgroup and proc file systems, which a test may not write
let root = '';
const fresh = (): string => (root = mkdtempSync(join(tmpdir(), 'faultline-cgroup-')));
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('quotaFiles', () => {
  it('caps a group at a share of the cores per 100 ms period, in the files of each cgroup version', () => {
    expect(quotaFiles('v1', 0.5)).toEqual({ 'cpu.cfs_period_us': '100000', 'cpu.cfs_quota_us': '50000' });
    expect(quotaFiles('v2', 1)).toEqual({ 'cpu.max': '100000 100000' });
  });

  it('refuses a budget of no cores', () => {
    expect(() => quotaFiles('v1', 0)).toThrow(/0 cores/);
  });
});

describe('findCpuController', () => {
  it('finds the v1 cpu hierarchy, or v2 when its controllers list cpu, and where each holds groups to cores', () => {
    const v1 = fresh();
    mkdirSync(join(v1, 'cpu'));
    writeFileSync(join(v1, 'cpu', 'cpu.cfs_quota_us'), '-1');
    expect(findCpuController(v1)).toEqual({ kind: 'v1', dir: join(v1, 'cpu'), cpusetDir: null });
    mkdirSync(join(v1, 'cpuset'));
    writeFileSync(join(v1, 'cpuset', 'cpuset.cpus'), '0-1');
    expect(findCpuController(v1)).toEqual({
      kind: 'v1',
      dir: join(v1, 'cpu'),
      cpusetDir: join(v1, 'cpuset'),
    });
    rmSync(v1, { recursive: true });
    const v2 = fresh();
    writeFileSync(join(v2, 'cgroup.controllers'), 'cpuset cpu io memory\n');
    expect(findCpuController(v2)).toEqual({ kind: 'v2', dir: v2, cpusetDir: v2 });
    writeFileSync(join(v2, 'cgroup.controllers'), 'cpu io memory\n');
    expect(findCpuController(v2)).toEqual({ kind: 'v2', dir: v2, cpusetDir: null });
  });

  it('says why when the hierarchy has no cpu controller (cpuset is another one)', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'cgroup.controllers'), 'cpuset io memory\n');
    expect(findCpuController(dir)).toMatch(/no cgroup CPU controller/);
  });
});

describe('workerCores', () => {
  it('gives each worker a run of whole cores of its own, and starts again past the last core', () => {
    expect([0, 1].map((i) => workerCores(i, 0.5, 2))).toEqual(['0', '1']);
    expect([0, 1].map((i) => workerCores(i, 2, 8))).toEqual(['0-1', '2-3']);
    expect([0, 1, 2].map((i) => workerCores(i, 1, 2))).toEqual(['0', '1', '0']);
    // a budget wider than the machine is held to all of it
    expect(workerCores(0, 3, 2)).toBe('0-1');
  });
});

describe('createCpuGroup', () => {
  it('writes the quota into a new group, and on v2 hands the cpu controller down first', () => {
    const dir = fresh();
    const group = createCpuGroup({ kind: 'v2', dir, cpusetDir: dir }, 'bench-worker', 0.5);
    expect(readFileSync(join(dir, 'cgroup.subtree_control'), 'utf8')).toBe('+cpu');
    expect(readFileSync(join(group.dir, 'cpu.max'), 'utf8')).toBe('50000 100000');
    moveIntoCpuGroup(group, 4242);
    expect(readFileSync(join(group.dir, 'cgroup.procs'), 'utf8')).toBe('4242');
  });

  it('holds a v2 group to its cores in the same folder, with the cpuset controller handed down too', () => {
    const dir = fresh();
    const group = createCpuGroup({ kind: 'v2', dir, cpusetDir: dir }, 'bench-worker', 0.5, '1');
    expect(readFileSync(join(dir, 'cgroup.subtree_control'), 'utf8')).toBe('+cpu +cpuset');
    expect(readFileSync(join(group.dir, 'cpuset.cpus'), 'utf8')).toBe('1');
    expect(group.cpusetDir).toBeNull();
  });

  it("holds a v1 group to its cores in the cpuset tree, with the parent's memory nodes, and moves a process into both", () => {
    const dir = fresh();
    const controller = { kind: 'v1' as const, dir: join(dir, 'cpu'), cpusetDir: join(dir, 'cpuset') };
    mkdirSync(controller.dir);
    mkdirSync(controller.cpusetDir);
    writeFileSync(join(controller.cpusetDir, 'cpuset.mems'), '0\n');
    const group = createCpuGroup(controller, 'bench-worker', 0.5, '0');
    expect(readFileSync(join(group.dir, 'cpu.cfs_quota_us'), 'utf8')).toBe('50000');
    expect(group.cpusetDir).toBe(join(controller.cpusetDir, 'bench-worker'));
    expect(readFileSync(join(group.cpusetDir!, 'cpuset.mems'), 'utf8')).toBe('0');
    expect(readFileSync(join(group.cpusetDir!, 'cpuset.cpus'), 'utf8')).toBe('0');
    moveIntoCpuGroup(group, 4242);
    expect(readFileSync(join(group.dir, 'cgroup.procs'), 'utf8')).toBe('4242');
    expect(readFileSync(join(group.cpusetDir!, 'cgroup.procs'), 'utf8')).toBe('4242');
  });

  it('refuses to hold a group to cores where the kernel offers no cpuset controller', () => {
    const dir = fresh();
    expect(() => createCpuGroup({ kind: 'v2', dir, cpusetDir: null }, 'bench-worker', 0.5, '0')).toThrow(
      /cpuset controller/,
    );
  });
});

describe('databaseServerPids', () => {
  it('lists the postmaster of the data directory and its children, read from their stat lines', () => {
    const dir = fresh();
    const data = join(dir, 'data');
    const proc = join(dir, 'proc');
    mkdirSync(data);
    writeFileSync(join(data, 'postmaster.pid'), '100\n/var/lib/postgresql/15/main\n');
    const stat = (pid: number, name: string, parent: number): void => {
      mkdirSync(join(proc, String(pid)), { recursive: true });
      writeFileSync(join(proc, String(pid), 'stat'), `${pid} (${name}) S ${parent} 100 100 0 -1\n`);
    };
    stat(100, 'postgres', 1);
    // a process name may hold spaces and parentheses: the fields start after the last ')'
    stat(101, 'postgres: checkpointer (x) ', 100);
    stat(102, 'node', 1);
    stat(103, 'postgres', 101);
    mkdirSync(join(proc, 'self'));
    expect(databaseServerPids(data, proc)).toEqual([100, 101]);
    // with the stat line each was found by: the parent, then user and system time
    const found = databaseServerProcesses(data, proc);
    expect(found.map((p) => [p.pid, p.fields[1]])).toEqual([
      [100, '1'],
      [101, '100'],
    ]);
  });

  it('refuses a postmaster.pid that names no process', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'postmaster.pid'), 'garbage\n');
    expect(() => databaseServerPids(dir, dir)).toThrow(/names no process/);
  });
});
