// make bench, Step 7: the project battle map at 10,000 projects on SQLite. The map data API
// (GET /api/v1/map/projects, every located project with its colour and figures) asked as a
// browser asks, with Accept-Encoding: gzip: p50 and p99 and the bytes sent, plain and
// compressed; then the map page in headless Chromium with 10,000 clustered markers: time to
// the first render of the markers, and the time of a zoom step and a pan with the redraw of
// the clusters and markers.
//
//   `tuijin demo --projects 10000` (about 9,800 top-level projects, all located), then
//   through the API and the page as the bureau's staff user.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { percentile, record, results, timed } from './lib.mjs';
import { startServer, signedIn } from '../tests/lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.TUIJIN_BIN ||= join(root, 'build/tuijin');
// playwright-core is the browser tests' dependency (tests/package.json).
const { chromium } = createRequire(join(root, 'tests/package.json'))('playwright-core');
const PROJECTS = Number(process.env.BENCH_MAP_PROJECTS || 10000);
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-map-'));
const dbPath = join(dir, 'bench.db');

function get(url, cookie, encoding) {
  return new Promise((res, rej) => {
    const req = httpRequest(url, { headers: { cookie, 'accept-encoding': encoding } }, (r) => {
      let bytes = 0;
      r.on('data', (c) => { bytes += c.length; });
      r.on('end', () => res({ status: r.statusCode, encoding: r.headers['content-encoding'], bytes }));
    });
    req.on('error', rej);
    req.end();
  });
}

execFileSync(process.env.TUIJIN_BIN, ['demo', '--projects', String(PROJECTS), '--db', dbPath], { stdio: 'ignore' });
const server = await startServer({ database: { url: dbPath, dir, drop() {} } });
let browser;
try {
  const staff = await signedIn(server.url, 'fgw');
  const all = (await staff.get('/api/v1/map/projects')).body;
  record('projects on the map', all.totals.count, 'projects');

  const url = `${server.url}/api/v1/map/projects`;
  for (let i = 0; i < 5; i++) await get(url, staff.cookie, 'gzip');
  const samples = [];
  let gz;
  for (let i = 0; i < 100; i++) {
    const { ms, r } = await timed(() => get(url, staff.cookie, 'gzip, deflate, br'));
    if (r.status !== 200 || r.encoding !== 'gzip') throw new Error(`map data: ${r.status} ${r.encoding}`);
    samples.push(ms);
    gz = r;
  }
  record('map data API, 10,000 projects, gzip, p50', percentile(samples, 50), 'ms', '< 50 ms');
  record('map data API, p99', percentile(samples, 99), 'ms');
  const plain = await get(url, staff.cookie, 'identity');
  record('map data bytes, plain', plain.bytes / 1024, 'KiB');
  record('map data bytes, gzip', gz.bytes / 1024, 'KiB');
  const unitSamples = [];
  const street = (await staff.get('/api/v1/units')).body.items.find((u) => u.name === '城东路街道办事处');
  for (let i = 0; i < 50; i++) {
    const { ms } = await timed(() => get(`${url}?unit_id=${street.id}&colour=red,yellow`, staff.cookie, 'gzip'));
    unitSamples.push(ms);
  }
  record('map data API, one unit and colour filter, p50', percentile(unitSamples, 50), 'ms');

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('[data-test=login-username]', 'fgw');
  await page.fill('[data-test=login-password]', 'Tuijin@2026');
  await page.click('[data-test=login-submit]');
  await page.waitForURL('**/projects');
  const renders = [];
  for (let i = 0; i < 5; i++) {
    // From navigation start to the markers drawn (the map's data-count set, then a frame).
    await page.goto(`${server.url}/map`);
    await page.waitForFunction((n) => document.querySelector('[data-test=project-map]')?.dataset.count === String(n),
      all.totals.count, { timeout: 60000 });
    renders.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
  }
  record('map page, navigation to 10,000 markers drawn (clustered), p50 of 5', percentile(renders, 50), 'ms');
  const steps = await page.evaluate(async () => {
    const m = document.querySelector('[data-test=project-map]').projectMap;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const zoom = [], pan = [];
    const drawn = [];
    const start = m.map.getZoom();
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      m.map.setZoom(start + 1 + (i % 4), { animate: false });
      await frame();
      zoom.push(performance.now() - t);
      const s = m.drawnSummary();
      drawn.push(s.points.length + s.clusters.length);
    }
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      m.map.panBy([i % 2 ? 300 : -300, i % 3 ? 150 : -150], { animate: false });
      await frame();
      pan.push(performance.now() - t);
    }
    m.map.setZoom(start, { animate: false });
    await frame();
    const s = m.drawnSummary();
    return { zoom, pan, drawn, fitted: s.points.length + s.clusters.length };
  });
  record('zoom step with redraw, p50 of 10', percentile(steps.zoom, 50), 'ms');
  record('zoom step with redraw, max', Math.max(...steps.zoom), 'ms');
  record('pan with redraw, p50 of 10', percentile(steps.pan, 50), 'ms');
  record('markers and clusters drawn when fitted to the district', steps.fitted, 'shapes');
  record('markers and clusters drawn at the zoom steps, max', Math.max(...steps.drawn), 'shapes');
} finally {
  await browser?.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
