import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const NGINX_TEMPLATE = path.join(__dirname, 'nginx', 'fleetwatch.conf');
const NGINX_BINARY = '/usr/sbin/nginx';

export interface NginxSite {
  /** Where nginx listens (127.0.0.1). */
  port: number;
  /** The BFF instances' ports. */
  upstreams: number[];
  /** Folder for the rendered configuration, pid, error log and temp files. */
  prefix: string;
}

/** The repository's nginx configuration with this site's port, instances and folder filled in. */
export function renderNginxConfig(template: string, site: NginxSite): string {
  const upstreams = site.upstreams.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n');
  const filled = template.replaceAll('{{PREFIX}}', site.prefix).replaceAll('{{PORT}}', String(site.port)).replaceAll('{{UPSTREAMS}}', upstreams);
  const left = /\{\{\w+\}\}/.exec(filled);
  if (left) throw new Error(`${NGINX_TEMPLATE}: ${left[0]} has no value`);
  return filled;
}

/** Writes the configuration and says how to run nginx in the foreground on it (Debian's package: apt-get install nginx). */
export function nginxSpec(site: NginxSite): { name: string; command: string; args: string[] } {
  mkdirSync(path.join(site.prefix, 'tmp'), { recursive: true });
  const conf = path.join(site.prefix, 'nginx.conf');
  writeFileSync(conf, renderNginxConfig(readFileSync(NGINX_TEMPLATE, 'utf8'), site));
  // -e: the error log from the start, before the configuration names it (the default is root's /var/log).
  return { name: 'nginx', command: NGINX_BINARY, args: ['-p', site.prefix, '-c', conf, '-e', path.join(site.prefix, 'error.log'), '-g', 'daemon off;'] };
}
