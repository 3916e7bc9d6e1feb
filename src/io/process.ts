/** Whether a process is still there: one answer for the nightly lock and for refresh's temporary files. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it is there, but another user's
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
