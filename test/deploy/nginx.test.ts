import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../shared/files';
import { findNginx, NGINX_SITE, nginxTest, type RenderedNginx, renderNginx } from '../support/nginx';

/** Debian's nginx(-light); .ci/run installs it, so in CI this never skips. */
const nginx = findNginx();
if (!nginx && process.env.CI === 'true')
  throw new Error('nginx is required in CI (apt-get install nginx-light)');
if (!nginx)
  console.log(
    'SKIPPED: nginx config check (no nginx; apt-get install -y --no-install-recommends nginx-light)',
  );

describe('deploy/nginx/simpul.conf', () => {
  const rendered: RenderedNginx[] = [];
  afterAll(() => {
    for (const r of rendered) r.cleanup();
  });

  it.runIf(nginx)(
    'passes `nginx -t` once rendered on loopback ports with a self-signed certificate',
    async () => {
      const r = await renderNginx({ apiPorts: [3001, 3002], pinned: true });
      rendered.push(r);
      const { ok, output } = nginxTest(nginx!, r);
      expect(ok, output).toBe(true);
      expect(output).toContain('test is successful');
    },
  );

  it('streams without buffering, forwards the client, and takes the largest upload', () => {
    const site = readFileSync(NGINX_SITE, 'utf8');
    const stream = /location ~ \S*stream\$ \{[\s\S]*?\n {4}\}/.exec(site)?.[0] ?? '';
    expect(stream).toContain('proxy_buffering off;');
    expect(stream).toMatch(/proxy_read_timeout (\d+h|\d{4,}s?);/);
    // Every SSE route of the API ends with /stream (openapi-transform.ts says the same).
    const re = new RegExp(/location ~ (\S+) \{/.exec(stream)![1]!);
    for (const p of [
      '/api/live/stream',
      '/r/kota-tangerang/api/live/stream',
      '/api/m/darurat/stream',
      '/api/m/antrian/units/mpp/stream',
    ])
      expect(p).toMatch(re);
    for (const h of ['X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host'])
      expect(site).toContain(`proxy_set_header ${h}`);
    expect(site).toMatch(/limit_req_zone \$binary_remote_addr/);
    const body = /client_max_body_size (\d+)m;/.exec(site)!;
    expect(Number(body[1]) * 1024 * 1024).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(path.basename(NGINX_SITE)).toBe('simpul.conf');
  });
});
