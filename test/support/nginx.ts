/**
 * Renders deploy/nginx/simpul.conf for a test: the same file, with loopback ports, a self-signed
 * certificate, logs and temp files in a private folder, and optionally one extra HTTPS server
 * block per API process ("pinned": a journey can choose the process it talks to). Used by
 * test/deploy/nginx.test.ts (`nginx -t`) and e2e/deploy-nginx.test.ts (a running nginx).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const NGINX_SITE = path.join(root, 'deploy/nginx/simpul.conf');

/** nginx on PATH (or /usr/sbin/nginx, where Debian puts it): the binary, or null. */
export function findNginx(): string | null {
  for (const bin of ['nginx', '/usr/sbin/nginx']) if (spawnSync(bin, ['-v']).status === 0) return bin;
  return null;
}

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type RenderedNginx = {
  dir: string;
  /** The top-level nginx.conf that includes the rendered site. */
  conf: string;
  httpPort: number;
  httpsPort: number;
  /** One HTTPS port per API process when `pinned` was asked for, in the order of `apiPorts`. */
  pinnedPorts: number[];
  cleanup(): void;
};

/** Renders the production site for loopback: replaces ports, certificate, paths; keeps the rest. */
export async function renderNginx(opts: {
  apiPorts: number[];
  pinned?: boolean;
  webDist?: string;
}): Promise<RenderedNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-nginx-'));
  chmodSync(dir, 0o755);
  for (const d of ['logs', 'tmp']) mkdirSync(path.join(dir, d), { mode: 0o755 });
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );

  const httpPort = await freePort();
  const httpsPort = await freePort();
  const pinnedPorts = opts.pinned ? await Promise.all(opts.apiPorts.map(() => freePort())) : [];
  const upstream = (name: string, ports: number[]) =>
    `upstream ${name} {\n${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}\n    keepalive 8;\n}`;

  let site = readFileSync(NGINX_SITE, 'utf8');
  const mustReplace = (from: RegExp | string, to: string) => {
    const next = site.replace(from, to);
    if (next === site) throw new Error(`deploy/nginx/simpul.conf no longer has ${String(from)}`);
    site = next;
  };
  mustReplace(/upstream simpul_api \{[\s\S]*?\n\}/, upstream('simpul_api', opts.apiPorts));
  mustReplace(/\n\s*listen \[::\]:80;/, '');
  mustReplace(/\n\s*listen \[::\]:443 ssl http2;/, '');
  mustReplace('listen 80;', `listen 127.0.0.1:${httpPort};`);
  mustReplace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
  mustReplace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`);
  mustReplace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`);
  mustReplace(/access_log \S+ simpul;/, `access_log ${dir}/logs/access.log simpul;`);
  mustReplace(/error_log\s+\S+ warn;/, `error_log ${dir}/logs/error.log warn;`);
  mustReplace('root /opt/simpul/web/dist;', `root ${opts.webDist ?? path.join(root, 'web/dist')};`);
  // Pinned blocks: the HTTPS server block again, on its own port, proxying to one process only.
  const tls = /\nserver \{\n {4}listen 127\.0\.0\.1:\d+ ssl http2;[\s\S]*?\n\}\n/.exec(site)?.[0];
  if (!tls) throw new Error('no HTTPS server block in deploy/nginx/simpul.conf');
  opts.apiPorts.forEach((apiPort, i) => {
    if (!opts.pinned) return;
    site += `\n${upstream(`simpul_p${i + 1}`, [apiPort])}\n`;
    site += tls
      .replace(`listen 127.0.0.1:${httpsPort} ssl`, `listen 127.0.0.1:${pinnedPorts[i]} ssl`)
      .replaceAll('http://simpul_api', `http://simpul_p${i + 1}`)
      .replace(/\n\s*proxy_next_upstream[^\n]*/g, '');
  });
  writeFileSync(path.join(dir, 'simpul.conf'), site);

  const t = path.join(dir, 'tmp');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `# Test wrapper around deploy/nginx/simpul.conf (Debian's /etc/nginx/nginx.conf does the same job).
${
  // Started as root (CI), workers would run as nobody, who may not read a checkout under a
  // private home folder: keep them as the test's user.
  process.getuid?.() === 0 ? 'user root root;' : ''
}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path ${t}/body;
    proxy_temp_path ${t}/proxy;
    fastcgi_temp_path ${t}/fastcgi;
    uwsgi_temp_path ${t}/uwsgi;
    scgi_temp_path ${t}/scgi;
    include ${dir}/simpul.conf;
}
`,
  );
  return {
    dir,
    conf,
    httpPort,
    httpsPort,
    pinnedPorts,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `nginx -t` on a rendered config: { ok, output }. */
export function nginxTest(bin: string, r: RenderedNginx): { ok: boolean; output: string } {
  const res = spawnSync(bin, ['-t', '-p', r.dir, '-e', `${r.dir}/logs/error.log`, '-c', r.conf], {
    encoding: 'utf8',
  });
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
}

/** Starts nginx in the foreground as a child; resolves once its HTTPS port accepts connections. */
export async function startNginx(bin: string, r: RenderedNginx): Promise<ChildProcess> {
  const child = spawn(
    bin,
    ['-p', r.dir, '-e', `${r.dir}/logs/error.log`, '-c', r.conf, '-g', 'daemon off;'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: r.httpsPort });
      s.once('connect', () => resolve(s.destroy() === s));
      s.once('error', () => resolve(false));
    });
    if (open) return child;
    if (Date.now() > deadline) throw new Error('nginx did not open its port within 10 s');
    await new Promise((res) => setTimeout(res, 50));
  }
}
