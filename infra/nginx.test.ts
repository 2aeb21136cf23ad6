import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { NGINX_TEMPLATE, renderNginxConfig } from './nginx';

describe('renderNginxConfig', () => {
  const config = renderNginxConfig(readFileSync(NGINX_TEMPLATE, 'utf8'), { port: 5900, upstreams: [5901, 5902], prefix: '/tmp/fw-nginx' });

  it("fills the repository's configuration with the port, every instance and the folder", () => {
    expect(config).toContain('listen 127.0.0.1:5900;');
    expect(config).toContain('server 127.0.0.1:5901 max_fails=1 fail_timeout=5s;');
    expect(config).toContain('server 127.0.0.1:5902 max_fails=1 fail_timeout=5s;');
    expect(config).toContain('pid /tmp/fw-nginx/nginx.pid;');
    expect(config).not.toMatch(/\{\{\w+\}\}/);
  });

  it('passes WebSocket upgrades through and keeps the Host with its port for the origin check', () => {
    expect(config).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(config).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(config).toContain('proxy_set_header Host $http_host;');
  });

  it('retries another instance only when one is gone, never on a 503 (health answers 503 while Kafka is down on every instance)', () => {
    expect(config).toContain('proxy_next_upstream error timeout http_502;');
  });

  it('refuses a placeholder it has no value for', () => {
    expect(() => renderNginxConfig('listen {{PORT}}; {{OTHER}}', { port: 1, upstreams: [], prefix: '/x' })).toThrow(/\{\{OTHER\}\} has no value/);
  });
});
