/**
 * Preloaded (`node --require`) into every server the benchmark spawns: answers a `cpu` message on the IPC
 * channel with the process's own CPU time (user + system, every thread) in microseconds, the system part of
 * it, and its resident memory, so that each server's cost is measured from inside it rather than from the
 * client.
 */
export interface CpuReport {
  cpuMicros: number;
  /** Time in the kernel on the process's behalf: its system calls, and the wake-ups they cause. */
  systemMicros: number;
  rssBytes: number;
}

if (typeof process.send === 'function') {
  process.on('message', (message: unknown) => {
    if (message !== 'cpu') return;
    const usage = process.cpuUsage();
    const report: CpuReport = {
      cpuMicros: usage.user + usage.system,
      systemMicros: usage.system,
      rssBytes: process.memoryUsage.rss(),
    };
    process.send?.(report);
  });
  // The IPC channel must not keep a server alive when the benchmark goes away.
  process.channel?.unref();
}
