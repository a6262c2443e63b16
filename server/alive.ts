/**
 * Whether a process of this host still runs: a lock file naming a dead pid (a crash, kill -9)
 * may be broken, one naming a live pid is waited for. Signal 0 checks without sending anything.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
