/**
 * The fan-out baseline: a bare Node http server that does what the LIVE Room stream does at its
 * core — hold SSE responses open and write one event to all of them — and nothing else (no
 * framework, auth, database or permission check). POST /emit?marker=… sends an event frame of the
 * same shape and size as Simpul's to every open stream and answers its id. Prints `listening <port>`.
 */
import http from 'node:http';

const streams = new Set<http.ServerResponse>();
let id = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/stream')) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url?.startsWith('/emit')) {
    const marker = new URL(req.url, 'http://x').searchParams.get('marker') ?? '';
    id++;
    const data = JSON.stringify({
      id: String(id),
      type: 'laksa.report.created',
      module: 'laksa',
      at: new Date().toISOString(),
      actor: null,
      subject: marker,
      summary: { id: `Laporan baru ${marker}`, en: `New report ${marker}` },
      data: { ticket: marker, status: 'menunggu_verifikasi', description: marker },
    });
    const frame = Buffer.from(`id: ${id}\nevent: message\ndata: ${data}\n\n`);
    for (const s of streams) s.write(frame);
    res.end(String(id));
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  if (a && typeof a !== 'string') process.stdout.write(`listening ${a.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
if (process.send) process.on('disconnect', () => process.exit(0));
