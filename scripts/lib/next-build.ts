import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Route handlers bundle what they import from server/ and platform/ (the routes' helpers, contracts' users) too.
const SOURCES = ['app', 'components', 'lib', 'server', 'platform', 'next.config.js', 'package.json', 'tsconfig.json'];

/** Whether the Next.js build is newer than every page source. */
function pagesUpToDate(root: string): boolean {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return builtAt > Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
}

/** Builds the Next.js pages when there is no build yet or a page source changed since the last. */
export function ensureNextBuild(root: string, log: (line: string) => void): void {
  if (pagesUpToDate(root)) return log('pages are built and up to date');
  log('building the pages (next build, about 40 s the first time)…');
  const started = Date.now();
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}`);
  log(`pages built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The newest modification time of a file or of anything under a folder (0 when missing). */
export function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}
