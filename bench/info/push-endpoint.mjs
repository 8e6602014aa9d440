// A push service on loopback for bench:info, in its own process so it does not share the sender's
// CPU time: HTTPS (self-signed, like every real push service speaks TLS), answers 201 at once,
// counts messages and bytes. Prints its port, then "count <n>" lines when asked on stdin.
import { readFileSync } from 'node:fs';
import https from 'node:https';

const [keyFile, certFile] = process.argv.slice(2);
let count = 0;
let bytes = 0;
const server = https.createServer(
  { key: readFileSync(keyFile), cert: readFileSync(certFile), keepAliveTimeout: 60_000 },
  (req, res) => {
    req.on('data', (c) => {
      bytes += c.length;
    });
    req.on('end', () => {
      count++;
      res.writeHead(201, { 'content-length': 0 }).end();
    });
  },
);
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
process.stdin.on('data', (d) => {
  if (String(d).includes('count')) process.stdout.write(`count ${count} ${bytes}\n`);
  if (String(d).includes('reset')) {
    count = 0;
    bytes = 0;
    process.stdout.write('reset\n');
  }
});
