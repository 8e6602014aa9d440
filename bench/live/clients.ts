/**
 * The LIVE Room bench's client side, in its own process (as real walls are not in the server's):
 * opens N Server-Sent-Events connections on loopback and records when each connection received
 * each event id (Date.now(), the clock the parent stamps its send time with). Driven over IPC by
 * run.ts: {connect}, {expect: eventId} → the N receive times, {close}.
 */
import http from 'node:http';

type Msg =
  | { op: 'connect'; url: string; headers: Record<string, string>; n: number }
  | { op: 'expect'; eventId: string; timeoutMs: number }
  | { op: 'close' };

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
let sockets: http.ClientRequest[] = [];
/** Per connection: event id → receive time. */
let seen: Map<string, number>[] = [];
/** The id the parent waits for, and how many connections have it (a counter: no scan per chunk). */
let waiting: { id: string; got: number; resolve: () => void } | null = null;

function open(url: string, headers: Record<string, string>, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`client ${i}: HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      let connected = false;
      res.on('data', (chunk: string) => {
        const now = Date.now();
        if (!connected && chunk.includes(': connected')) {
          connected = true;
          resolve();
        }
        // Only the SSE id lines are read: no JSON parsing in the timed path.
        for (const m of chunk.matchAll(/^id: (\d+)$/gm)) {
          const id = m[1]!;
          if (seen[i]!.has(id)) continue;
          seen[i]!.set(id, now);
          if (waiting?.id === id && ++waiting.got === seen.length) waiting.resolve();
        }
      });
    });
    req.on('error', reject);
    sockets[i] = req;
  });
}

process.on('message', async (msg: Msg) => {
  try {
    if (msg.op === 'connect') {
      seen = Array.from({ length: msg.n }, () => new Map());
      sockets = [];
      // In waves, so the listen backlog never overflows (a real wall fleet connects over minutes).
      const WAVE = 250;
      for (let i = 0; i < msg.n; i += WAVE)
        await Promise.all(
          Array.from({ length: Math.min(WAVE, msg.n - i) }, (_, k) => open(msg.url, msg.headers, i + k)),
        );
      process.send!({ op: 'connected', n: msg.n });
    } else if (msg.op === 'expect') {
      await new Promise<void>((resolve) => {
        const got = seen.filter((s) => s.has(msg.eventId)).length;
        if (got === seen.length) return resolve();
        waiting = { id: msg.eventId, got, resolve };
        setTimeout(resolve, msg.timeoutMs);
      });
      waiting = null;
      const times = seen.map((s) => s.get(msg.eventId) ?? -1);
      process.send!({ op: 'received', eventId: msg.eventId, times });
    } else if (msg.op === 'close') {
      for (const s of sockets) s.destroy();
      agent.destroy();
      process.send!({ op: 'closed' }, () => process.exit(0));
    }
  } catch (err) {
    process.send!({ op: 'error', message: String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ op: 'ready' });
