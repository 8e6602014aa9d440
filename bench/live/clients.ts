/**
 * The LIVE Room bench's client side, in its own process (as real walls are not in the server's):
 * opens N Server-Sent-Events connections on loopback (spread round-robin over the URLs given) and records when each connection received
 * each event id (Date.now(), the clock the parent stamps its send time with). Driven over IPC by
 * run.ts: {connect}, {expect: eventId} → the N receive times, {close}.
 */
import net from 'node:net';

type Msg =
  | { op: 'connect'; urls: string[]; headers: Record<string, string>; n: number }
  | { op: 'expect'; eventId: string; timeoutMs: number }
  | { op: 'close' };

let sockets: net.Socket[] = [];
/** Per connection: event id → receive time. */
let seen: Map<string, number>[] = [];
/** The id the parent waits for, and how many connections have it (a counter: no scan per chunk). */
let waiting: { id: string; got: number; resolve: () => void } | null = null;

const ID = Buffer.from('\nid: ');
const CONNECTED = Buffer.from(': connected');

/**
 * One stream on a raw socket: the GET written by hand and the bytes searched for `id: ` lines. An
 * http.ClientRequest per stream costs more client CPU than the server spends sending, and all of
 * it would count as delivery latency; raw sockets keep the measuring side light (both servers are
 * measured with the same clients).
 */
function open(url: string, headers: Record<string, string>, i: number): Promise<void> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname);
    sock.setNoDelay(true);
    sockets[i] = sock;
    let connected = false;
    sock.on('connect', () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      sock.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\n${extra}\r\n`,
      );
    });
    sock.on('data', (buf: Buffer) => {
      const now = Date.now();
      if (!connected) {
        if (!buf.subarray(0, 12).toString().startsWith('HTTP/1.1 200')) {
          reject(new Error(`client ${i}: ${buf.subarray(0, 60).toString()}`));
          sock.destroy();
          return;
        }
        if (buf.includes(CONNECTED)) {
          connected = true;
          resolve();
        }
      }
      for (let at = buf.indexOf(ID); at >= 0; at = buf.indexOf(ID, at + ID.length)) {
        const end = buf.indexOf(10, at + ID.length);
        const id = buf.toString('latin1', at + ID.length, end < 0 ? undefined : end);
        if (seen[i]!.has(id)) continue;
        seen[i]!.set(id, now);
        if (waiting?.id === id && ++waiting.got === seen.length) waiting.resolve();
      }
    });
    sock.on('error', reject);
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
          Array.from({ length: Math.min(WAVE, msg.n - i) }, (_, k) =>
            open(msg.urls[(i + k) % msg.urls.length]!, msg.headers, i + k),
          ),
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
      process.send!({ op: 'closed' }, () => process.exit(0));
    }
  } catch (err) {
    process.send!({ op: 'error', message: String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ op: 'ready' });
