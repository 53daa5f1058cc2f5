// 项目作战地图 in headless Chromium, offline mode (no tile server configured) with the demo
// data: the markers and clusters drawn add up to the API's projects with the same colours, a
// unit filter changes the count, a click on a marker opens its card and the card leads to the
// project; the big screen shows the API's totals. No request may leave 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'map', timeout: 20000 });

const FILL = { red: '#f56c6c', yellow: '#e6a23c', green: '#67c23a', none: '#909399' };

// Records every request that is not for 127.0.0.1 (or an inline data: URL).
function watchOutside(page) {
  const outside = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== '127.0.0.1') outside.push(r.url());
  });
  return outside;
}

const drawn = (page) => page.evaluate(() => document.querySelector('[data-test=project-map]').projectMap.drawnSummary());

// What the map draws, added up: projects in clusters and alone, by colour.
function addUp(summary) {
  const byColour = { red: 0, yellow: 0, green: 0, none: 0 };
  let total = summary.points.length;
  for (const c of summary.clusters) {
    total += c.count;
    for (const k of Object.keys(byColour)) byColour[k] += c.counts[k] ?? 0;
  }
  return { total, byColour };
}

async function waitForCount(page, n) {
  await page.waitForFunction((want) => document.querySelector('[data-test=project-map]')?.dataset.count === String(want), n);
}

async function pickUnit(page, selector, text) {
  await page.click(selector);
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: text }).first().click();
  await page.keyboard.press('Escape');
}

test('the offline map draws the API’s projects in their colours, filters by unit, and a marker leads to its project', async () => {
  const api = await signedIn(server.url, 'fgw');
  const all = (await api.get('/api/v1/map/projects')).body;
  const colourOf = new Map(all.items.map((i) => [i.id, i.colour ?? 'none']));
  assert.ok(all.totals.count > 250);

  const page = await newPage();
  const outside = watchOutside(page);
  await page.goto(`${server.url}/map`);
  await login(page, 'fgw');
  await page.waitForURL('**/map');
  await page.waitForSelector('[data-test=project-map] .leaflet-overlay-pane canvas');
  await waitForCount(page, all.totals.count);
  await page.waitForTimeout(300); // the fit's animation frame

  // Fitted to the district: every project is drawn once, alone or in a cluster.
  const summary = await drawn(page);
  const sum = addUp(summary);
  assert.equal(sum.total, all.totals.count);
  assert.ok(summary.clusters.length > 0, 'zoomed out, projects cluster');
  for (const p of summary.points) sum.byColour[colourOf.get(p.id)]++;
  assert.deepEqual(sum.byColour, all.totals.colours);
  for (const p of summary.points) assert.equal(p.fill, FILL[colourOf.get(p.id)], `project ${p.id}`);
  // The legend and the side panel say the same.
  for (const c of ['red', 'yellow', 'green']) {
    assert.equal(await page.getAttribute(`[data-test=legend-${c}]`, 'data-count'), String(all.totals.colours[c]), c);
    assert.equal((await page.textContent(`[data-test=map-visible-${c}]`)).trim(), String(all.totals.colours[c]), c);
  }
  assert.equal((await page.textContent('[data-test=map-total-count]')).trim(), String(all.totals.count));
  assert.equal(await page.locator('[data-test=project-map] .leaflet-tile').count(), 0, 'offline: no tiles');
  await shot(page, 'map');

  // Filter by a unit: fewer projects, as the API counts them.
  const units = (await api.get('/api/v1/units')).body.items;
  const street = units.find((u) => u.name === '城东路街道办事处');
  const mine = (await api.get(`/api/v1/map/projects?unit_id=${street.id}`)).body;
  assert.ok(mine.totals.count > 0 && mine.totals.count < all.totals.count);
  await pickUnit(page, '[data-test=map-filter-unit]', '城东路街道办事处');
  await waitForCount(page, mine.totals.count);
  await page.waitForTimeout(200);
  assert.match(page.url(), new RegExp(`unit_id=${street.id}`));
  assert.equal(addUp(await drawn(page)).total, mine.totals.count);
  await shot(page, 'map-unit');

  // Zoom to one project of the unit and click its marker: its card, then its page.
  const target = [...mine.items].sort((a, b) => b.total - a.total)[0];
  await page.evaluate(([lat, lng]) => document.querySelector('[data-test=project-map]').projectMap.map.setView([lat, lng], 18, { animate: false }),
    [target.lat, target.lng]);
  await page.waitForTimeout(300);
  const point = (await drawn(page)).points.find((p) => p.id === target.id);
  assert.ok(point, 'the project is drawn alone at zoom 18');
  const box = await page.locator('[data-test=project-map]').boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
  const card = page.locator('[data-test=map-card]');
  await card.waitFor();
  await page.waitForFunction((name) => document.querySelector('[data-test=map-card-name]')?.textContent === name, target.name);
  const detail = (await api.get(`/api/v1/map/projects/${target.id}`)).body;
  assert.equal((await page.textContent('[data-test=map-card-rate]')).trim(), detail.annual_rate ?? '—');
  if (detail.reasons.length) assert.equal(await page.locator('[data-test=map-card-reasons] li').count(), detail.reasons.length);
  await shot(page, 'map-card');
  await page.click('[data-test=map-card-open]');
  await page.waitForURL(`**/projects/${target.id}`);
  await page.waitForSelector(`text=${target.name}`);
  assert.deepEqual(outside, []);
});

test('staff place an unlocated project by clicking on the map', async () => {
  const api = await signedIn(server.url, 'fgw');
  const { items } = (await api.get('/api/v1/map/projects?level=city')).body;
  const victim = items[0];
  assert.equal((await api.put(`/api/v1/projects/${victim.id}/location`, { lng: null, lat: null })).status, 200);
  const page = await newPage();
  const outside = watchOutside(page);
  await page.goto(`${server.url}/map?level=city`);
  await login(page, 'fgw');
  await page.waitForSelector('[data-test=map-unlocated]');
  await page.waitForSelector('[data-test=project-map] .leaflet-overlay-pane canvas');
  await page.waitForTimeout(500); // the fit to the district has ended
  await page.locator('[data-test=map-unlocated] button', { hasText: victim.name }).click();
  await page.locator('[data-test=map-card-location]').waitFor();
  await page.click('[data-test=map-card-pick]');
  const box = await page.locator('[data-test=project-map]').boundingBox();
  const at = { x: Math.round(box.width / 2), y: Math.round(box.height / 2) };
  const expected = await page.evaluate(({ x, y }) => {
    const ll = document.querySelector('[data-test=project-map]').projectMap.map.containerPointToLatLng([x, y]);
    return [ll.lng, ll.lat];
  }, at);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.waitForFunction((n) => document.querySelector('[data-test=project-map]')?.dataset.count === String(n), items.length);
  const saved = (await api.get(`/api/v1/projects/${victim.id}`)).body;
  assert.ok(Math.abs(saved.lng - expected[0]) < 1e-6 && Math.abs(saved.lat - expected[1]) < 1e-6, `${saved.lng},${saved.lat} vs ${expected}`);
  assert.deepEqual(outside, []);
});

test('the big screen shows the API’s totals, lights and lagging projects, dark, at 1920×1080', async () => {
  const api = await signedIn(server.url, 'quzhang');
  const all = (await api.get('/api/v1/map/projects')).body;
  const page = await newPage();
  const outside = watchOutside(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/map/screen`);
  await login(page, 'quzhang');
  await page.waitForURL('**/map/screen');
  await page.waitForFunction((n) => document.querySelector('[data-test=screen-count]')?.textContent.startsWith(String(n)), all.totals.count);
  for (const c of ['red', 'yellow', 'green']) {
    assert.match(await page.textContent(`[data-test=screen-${c}]`), new RegExp(`^${all.totals.colours[c]}`), c);
  }
  assert.equal((await page.textContent('[data-test=screen-rate]')).trim(), all.totals.annual_rate);
  const lagging = page.locator('[data-test=screen-lagging-item]');
  assert.equal(await lagging.count(), 10);
  // The first is red and named as in the API.
  const reds = new Set(all.items.filter((i) => i.colour === 'red').map((i) => i.name));
  assert.ok(reds.has((await lagging.first().locator('.name').textContent()).trim()));
  await page.waitForSelector('[data-test=project-map] .leaflet-overlay-pane canvas');
  await page.waitForTimeout(400);
  assert.equal(addUp(await drawn(page)).total, all.totals.count);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('[data-test=big-screen]')).backgroundImage);
  assert.match(bg, /gradient/);
  await shot(page, 'big-screen');
  assert.deepEqual(outside, []);
});
