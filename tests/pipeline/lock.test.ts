import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, isAlive, LOCK_FILE, LockedError, lockHolder, releaseHeldLocks, type LockOwner } from '../../src/pipeline/lock.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'lock-'));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function writeLock(dir: string, owner: Partial<LockOwner>): void {
  const full: LockOwner = { pid: 1, host: hostname(), processStart: null, startedAt: '2020-01-01T00:00:00.000Z', command: 'cli run', ...owner };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

afterEach(() => releaseHeldLocks());

describe('output-folder lock', () => {
  it('creates a pid file, refuses a second holder, and frees the folder on release', () => {
    const dir = tempDir();
    const lock = acquireLock(dir, 'cli run');
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner;
    expect(owner.pid).toBe(process.pid);
    expect(owner.command).toBe('cli run');
    expect(lock.tookOver).toBeNull();
    expect(lockHolder(dir)?.pid).toBe(process.pid);

    let refused: unknown = null;
    try {
      acquireLock(dir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(LockedError);
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    expect((refused as Error).message).toContain(join(dir, LOCK_FILE));
    // The refused attempt left the holder's lock alone.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);

    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(lockHolder(dir)).toBeNull();
    acquireLock(dir).release();
  });

  it('takes over the lock of a process that is gone', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeLock(dir, { pid });
    expect(lockHolder(dir)).toBeNull();
    const lock = acquireLock(dir);
    expect(lock.tookOver?.pid).toBe(pid);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (different start time)', () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.pid, processStart: '1' });
    const lock = acquireLock(dir);
    expect(lock.tookOver?.pid).toBe(process.pid);
    lock.release();
  });

  it('respects a lock held by another live process, and takes it once that process ends', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await new Promise((resolve) => sleeper.once('spawn', resolve));
    const pid = sleeper.pid!;
    writeLock(dir, { pid, processStart: startTime(pid) });
    expect(isAlive(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')))).toBe(true);
    expect(() => acquireLock(dir)).toThrow(LockedError);
    sleeper.kill('SIGKILL');
    await new Promise((resolve) => sleeper.once('exit', resolve));
    const lock = acquireLock(dir);
    expect(lock.tookOver?.pid).toBe(pid);
    lock.release();
  });

  it('counts a lock from another host as live', () => {
    expect(isAlive({ pid: deadPid(), host: `not-${hostname()}`, processStart: null, startedAt: '', command: '' })).toBe(true);
  });

  it('replaces an old unreadable lock file but not a brand-new one', () => {
    const dir = tempDir();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    expect(() => acquireLock(dir)).toThrow(LockedError);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(path, old, old);
    const lock = acquireLock(dir);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('releases only its own lock', () => {
    const dir = tempDir();
    const lock = acquireLock(dir);
    // Someone removed our lock and another run took the folder: releasing must not delete theirs.
    writeLock(dir, { pid: process.pid + 1, startedAt: 'other' });
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).startedAt).toBe('other');
  });
});
