/**
 * Baseline of the Harga Pangan bench: a bare node:http server answering a fixed JSON payload (the
 * same bytes Simpul answered for the page), i.e. the floor of HTTP + JSON on this machine without
 * routing, session, database or serialisation. Prints `listening <port>`.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const body = readFileSync(process.env.PAYLOAD_FILE ?? '', 'utf8');
const server = http.createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  if (a && typeof a !== 'string') process.stdout.write(`listening ${a.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
if (process.send) process.on('disconnect', () => process.exit(0));
