/**
 * bench/simpul-server.ts (the app as production builds it) plus one thing the LIVE Room bench
 * needs from inside the process: its memory, sent over IPC when asked (`memory`).
 */
import '../simpul-server';

process.on('message', (msg) => {
  if (msg !== 'memory') return;
  global.gc?.();
  const m = process.memoryUsage();
  process.send?.({ op: 'memory', rss: m.rss, heapUsed: m.heapUsed });
});
