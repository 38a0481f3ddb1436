import { linkSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = '.pipeline.lock';

/** Locks this process holds, so a signal handler can release them. */
const heldLocks = new Set<Lock>();

/** What a lock file holds: enough to tell whether its owner still runs, and to tell the user who it is. */
export interface LockOwner {
  pid: number;
  host: string;
  /** Process start time from /proc (clock ticks since boot), so a reused pid is not taken for the owner. */
  processStart: string | null;
  startedAt: string;
  command: string;
}

/** Another live run holds the output folder. */
export class LockedError extends Error {
  override name = 'LockedError';
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner,
  ) {
    super(
      `output folder is in use by another run (pid ${owner.pid} on ${owner.host}, ${owner.command}, started ${owner.startedAt}); ` +
        `wait for it to finish, or delete ${lockPath} if no run is active`,
    );
  }
}

export interface Lock {
  path: string;
  /** True when a lock left by a dead run was replaced. */
  tookOver: LockOwner | null;
  release(): void;
}

/**
 * Take the lock of an output folder: a pid file created atomically (hard link of a complete temp
 * file, so no reader ever sees it half-written). A lock whose process is gone (killed, crashed) is
 * taken over; a live one makes this throw LockedError.
 */
export function acquireLock(outputDir: string, command = 'run'): Lock {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, LOCK_FILE);
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartTime(process.pid),
    startedAt: new Date().toISOString(),
    command,
  };
  const content = JSON.stringify(mine) + '\n';
  let tookOver: LockOwner | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, content)) {
      const lock: Lock = {
        path,
        tookOver,
        release: () => {
          heldLocks.delete(lock);
          releaseLock(path, mine);
        },
      };
      heldLocks.add(lock);
      return lock;
    }
    const seen = readLock(path);
    if (seen === 'missing') continue;
    if (seen === 'unreadable') {
      // A whole lock is written at once; an unreadable one is garbage, unless it is brand new (a
      // starter on a file system without hard links may not have written it yet).
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (Date.now() - stat.mtimeMs < 5000) {
        throw new LockedError(path, { pid: 0, host: '?', processStart: null, startedAt: 'just now', command: 'unknown' });
      }
      rmSync(path, { force: true });
      continue;
    }
    if (isAlive(seen)) throw new LockedError(path, seen);
    // Stale: remove it only if it is still the same stale lock (another starter may have replaced it).
    const again = readLock(path);
    if (typeof again === 'object' && again.pid === seen.pid && again.startedAt === seen.startedAt) {
      rmSync(path, { force: true });
      tookOver = seen;
    }
  }
  const owner = readLock(path);
  if (typeof owner === 'object') throw new LockedError(path, owner);
  throw new Error(`could not take the lock ${path}`);
}

/** Release every lock this process holds: for signal handlers, before the process exits. */
export function releaseHeldLocks(): void {
  for (const lock of [...heldLocks]) lock.release();
}

/** The current holder of the lock, or null when the folder is free (a stale lock counts as free). */
export function lockHolder(outputDir: string): LockOwner | null {
  const seen = readLock(join(outputDir, LOCK_FILE));
  return typeof seen === 'object' && isAlive(seen) ? seen : null;
}

function createExclusive(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // File systems without hard links: an exclusive create (a reader may briefly see it empty).
    try {
      writeFileSync(path, content, { flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readLock(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const value = JSON.parse(text) as LockOwner;
    return Number.isInteger(value?.pid) ? value : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function releaseLock(path: string, mine: LockOwner): void {
  const seen = readLock(path);
  if (typeof seen === 'object' && seen.pid === mine.pid && seen.startedAt === mine.startedAt) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Whether the lock's owner still runs. A lock from another host cannot be checked and counts as live. */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return owner.processStart === processStartTime(process.pid);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStartTime(owner.pid);
  // Same pid, different start time: the pid was reused by an unrelated process.
  return !(owner.processStart && start && owner.processStart !== start);
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks), or null where /proc is not available. */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
