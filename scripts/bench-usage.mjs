// Preloaded (node --import) into every process the benchmark runs: on exit, the main thread writes
// the process's CPU time (user + system, every thread's) and peak memory to the file named by
// TAIZHANG_BENCH_USAGE, so the benchmark measures CPU as well as wall time, the same on any OS.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.TAIZHANG_BENCH_USAGE;
if (file && isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, mb: u.maxRSS / 1024 }));
  });
}
