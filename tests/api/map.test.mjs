// The project battle map (项目作战地图) through the API, on the demo district: the map's
// projects against /api/v1/statuses and /api/v1/projects (counts, colours, figures, filters,
// a unit user's scope), the card, the offline layers (valid, invalid, oversized GeoJSON),
// setting a location from GCJ-02 against published coordinate pairs, and gzip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer, signedIn } from '../lib/server.mjs';
import ExcelJS from 'exceljs';
import { sitePhoto } from '../lib/images.mjs';

let server, staff, admin, unit, leader, me;

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  unit = await signedIn(server.url, 'chengdong');
  leader = await signedIn(server.url, 'quzhang');
  me = (await unit.get('/api/v1/session')).body.user;
});
after(async () => { await server?.stop(); });

async function ok(client, path) {
  const res = await client.get(path);
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.body;
}
const mapOf = (client, query = '') => ok(client, `/api/v1/map/projects${query}`);
async function allStatuses(client, query = '') {
  const out = [];
  for (let page = 1; ; page++) {
    const body = await ok(client, `/api/v1/statuses?page_size=500&page=${page}${query}`);
    out.push(...body.items);
    if (out.length >= body.total) return { ...body, items: out };
  }
}
async function allProjects(client, query = '') {
  const out = [];
  for (let page = 1; ; page++) {
    const body = await ok(client, `/api/v1/projects?page_size=500&page=${page}${query}`);
    out.push(...body.items);
    if (out.length >= body.total) return { ...body, items: out };
  }
}

// Ray casting over the outer ring of a Polygon.
function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

test('every located project is on the map with the colour and figures of the status list', async () => {
  const map = await mapOf(staff);
  const statuses = await allStatuses(staff);
  const projects = await allProjects(staff);
  assert.equal(map.period, statuses.period);
  assert.ok(map.items.length > 250, `demo projects on the map: ${map.items.length}`);
  // Every project of the list, located or not, is counted once.
  assert.equal(map.totals.count + map.unlocated, projects.total);
  const located = projects.items.filter((p) => p.lng !== null && p.lat !== null);
  assert.equal(map.totals.count, located.length);
  assert.deepEqual(map.items.map((i) => i.id).sort((a, b) => a - b), located.map((p) => p.id).sort((a, b) => a - b));

  const status = new Map(statuses.items.map((s) => [s.project.id, s]));
  const project = new Map(projects.items.map((p) => [p.id, p]));
  const counts = { green: 0, yellow: 0, red: 0, none: 0 };
  let total = 0, plan = 0, ytd = 0;
  for (const item of map.items) {
    const s = status.get(item.id), p = project.get(item.id);
    assert.equal(item.name, p.name);
    assert.equal(item.lng, p.lng);
    assert.equal(item.lat, p.lat);
    assert.equal(item.stage, p.stage);
    assert.equal(item.total, p.total_investment);
    assert.equal(item.unit_id, p.lead_unit_id);
    if (item.unit_id) assert.equal(map.units[item.unit_id], p.lead_unit_name);
    if (s) {
      assert.equal(item.colour, s.colour, p.name);
      assert.equal(item.annual_plan, s.annual_plan, p.name);
      assert.equal(item.ytd, s.year_to_date, p.name);
    } else {
      // Not in the status list: cancelled.
      assert.equal(item.colour, null);
      assert.equal(p.stage, 'cancelled');
    }
    counts[item.colour ?? 'none']++;
    total += item.total; plan += item.annual_plan; ytd += item.ytd;
  }
  assert.deepEqual(map.totals.colours, counts);
  for (const c of ['green', 'yellow', 'red']) assert.equal(counts[c], statuses.summary[c], c);
  assert.ok(counts.red > 0 && counts.yellow > 0 && counts.green > 0, JSON.stringify(counts));
  assert.equal(map.totals.total_investment, total);
  assert.equal(map.totals.total_investment, projects.totals.total_investment);
  assert.equal(map.totals.annual_plan, plan);
  assert.equal(map.totals.year_to_date, ytd);
  assert.equal(map.totals.annual_rate, `${((ytd / plan) * 100).toFixed(1)}%`);
  assert.equal(map.schedule_text, statuses.schedule);
});

test('the project list filters and a colour filter narrow the map as they narrow the lists', async () => {
  const units = (await ok(staff, '/api/v1/units')).items;
  const street = units.find((u) => u.name === '城东路街道办事处');
  const zone = units.find((u) => u.name === '云河经济开发区管理委员会');
  for (const query of [`&unit_id=${street.id}`, `&unit_id=${zone.id}`, '&level=province', '&stage=construction',
    '&level=city,province&stage=construction']) {
    const map = await mapOf(staff, `?${query.slice(1)}`);
    const list = await allProjects(staff, query);
    assert.equal(map.totals.count + map.unlocated, list.total, query);
    assert.deepEqual(new Set(map.items.map((i) => i.id)), new Set(list.items.filter((p) => p.lng !== null).map((p) => p.id)), query);
    assert.ok(map.totals.count > 0, query);
  }
  const all = await mapOf(staff);
  for (const colour of ['red', 'yellow', 'green']) {
    const map = await mapOf(staff, `?colour=${colour}`);
    assert.equal(map.totals.count, all.items.filter((i) => i.colour === colour).length, colour);
    assert.ok(map.items.every((i) => i.colour === colour));
  }
  const both = await mapOf(staff, `?colour=red,yellow&unit_id=${zone.id}`);
  const zoneMap = await mapOf(staff, `?unit_id=${zone.id}`);
  assert.equal(both.totals.count, zoneMap.items.filter((i) => i.colour === 'red' || i.colour === 'yellow').length);
  // A past year reads December's colours and figures.
  const lastYear = new Date().getFullYear() - 1;
  const past = await mapOf(staff, `?year=${lastYear}`);
  assert.equal(past.period, `${lastYear}-12`);
  const pastStatuses = await allStatuses(staff, `&period=${lastYear}-12`);
  assert.equal(past.totals.colours.red, pastStatuses.summary.red);

  const bad = await staff.get('/api/v1/map/projects?colour=blue&level=county');
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields.colour || bad.body.error.details.fields.level, bad.text);
});

test('a unit user sees only its own projects on the map, a leader sees all', async () => {
  const mine = await mapOf(unit);
  const list = await allProjects(unit);
  assert.ok(mine.totals.count > 0);
  assert.equal(mine.totals.count + mine.unlocated, list.total);
  assert.deepEqual(new Set(mine.items.map((i) => i.id)), new Set(list.items.map((p) => p.id)));
  const everything = await mapOf(staff);
  assert.ok(mine.totals.count < everything.totals.count);
  const leaders = await mapOf(leader);
  assert.equal(leaders.totals.count, everything.totals.count);
  // Another unit's project: no card.
  const foreign = everything.items.find((i) => !mine.items.some((m) => m.id === i.id));
  assert.equal((await unit.get(`/api/v1/map/projects/${foreign.id}`)).status, 404);
});

test('demo projects of a 街道 lie inside its area on the offline map', async () => {
  const layers = await ok(staff, '/api/v1/map/layers');
  assert.equal(layers.basemap.mode, 'offline');
  assert.equal(layers.basemap.tile_url, null);
  assert.equal(layers.district, '云河区');
  const keys = layers.items.map((l) => l.key);
  assert.equal(keys[0], 'boundary');
  assert.equal(keys[1], 'roads');
  assert.equal(layers.items.filter((l) => l.kind === 'unit').length, 12);
  const areas = await ok(staff, '/api/v1/map/layers/units');
  assert.equal(areas.type, 'FeatureCollection');
  const area = areas.features.find((f) => f.properties.unit_id === me.unit_id);
  assert.equal(area.properties.unit_name, '城东路街道办事处');
  const boundary = await ok(staff, '/api/v1/map/layers/boundary');
  const edge = boundary.features[0].geometry.coordinates[0];
  const all = await mapOf(staff);
  for (const i of all.items) assert.ok(inside([i.lng, i.lat], edge), `${i.name} outside the district`);
  const led = all.items.filter((i) => i.unit_id === me.unit_id);
  assert.ok(led.length > 0);
  for (const i of led) assert.ok(inside([i.lng, i.lat], area.geometry.coordinates[0]), `${i.name} outside 城东路街道`);
});

test('a card has the figures, colour with reasons, 形象进度 and the latest photo', async () => {
  const statuses = await allStatuses(staff, '&colour=red');
  const red = statuses.items.find((s) => s.annual_plan > 0) ?? statuses.items[0];
  const card = await ok(staff, `/api/v1/map/projects/${red.project.id}`);
  assert.equal(card.name, red.project.name);
  assert.equal(card.colour, 'red');
  assert.equal(card.annual_plan, red.annual_plan);
  assert.equal(card.year_to_date, red.year_to_date);
  assert.equal(card.annual_rate, red.annual_rate);
  assert.deepEqual(card.reasons.map((r) => r.reason), red.reasons.map((r) => r.reason));
  assert.ok(card.reasons.some((r) => r.colour === 'red'));
  const project = await ok(staff, `/api/v1/projects/${red.project.id}`);
  assert.equal(card.owner_unit_name, project.owner_unit_name);
  assert.equal(card.total_investment, project.total_investment);
  // 形象进度 from the latest submitted or accepted report that has one.
  const reports = (await ok(staff, `/api/v1/projects/${red.project.id}/reports`)).items;
  const latest = reports.find((r) => ['submitted', 'accepted'].includes(r.state) && r.progress_text);
  assert.equal(card.progress?.text ?? null, latest?.progress_text ?? null);

  const photo = sitePhoto(64, 48);
  const up = await staff.post(`/api/v1/projects/${red.project.id}/attachments?filename=${encodeURIComponent('现场照片.png')}`,
    new Uint8Array(photo), { headers: { 'content-type': 'image/png' } });
  assert.equal(up.status, 201, up.text);
  const withPhoto = await ok(staff, `/api/v1/map/projects/${red.project.id}`);
  assert.equal(withPhoto.photo.url, `/api/v1/attachments/${up.body.id}`);
  const img = await staff.get(withPhoto.photo.url, { raw: true });
  assert.equal(img.status, 200);
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), photo);
});

const square = (x, y, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const put = (client, path, text) => client.request('PUT', path, { body: text, headers: { 'content-type': 'application/geo+json' } });

test('layers: valid GeoJSON is stored, invalid gets 422 saying what is wrong, oversized gets 413', async () => {
  const roads = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { name: '豫英路' }, geometry: { type: 'LineString', coordinates: [[113.65, 34.70], [113.75, 34.71]] } },
    { type: 'Feature', properties: { name: '商鼎路' }, geometry: { type: 'MultiLineString', coordinates: [[[113.66, 34.72], [113.70, 34.73]]] } },
  ] });
  const saved = await put(admin, '/api/v1/map/layers/roads?name=' + encodeURIComponent('主要道路(2026版)'), roads);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.feature_count, 2);
  assert.equal(saved.body.name, '主要道路(2026版)');
  assert.deepEqual(saved.body.bounds, [113.65, 34.70, 113.75, 34.73]);
  const back = await ok(staff, '/api/v1/map/layers/roads');
  assert.deepEqual(back.features.map((f) => f.properties.name), ['豫英路', '商鼎路']);

  const cases = [
    ['{"type":"FeatureCollection","features":[', '不是有效的 JSON'],
    [JSON.stringify({ type: 'LineString', coordinates: [[113.6, 34.7], [113.7, 95]] }), '纬度 95 超出 -90 到 90'],
    [JSON.stringify({ type: 'LineString', coordinates: [[213.6, 34.7], [113.7, 34]] }), '经度 213.6 超出 -180 到 180'],
    [JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[113.6, 34.7], ['113.7', 34.8]] } }] }),
      'features[0].geometry.coordinates[1][0]: 坐标应为数字'],
    [JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square(113.6, 34.7) } }] }),
      '本图层不接受 Polygon'],
    [JSON.stringify({ type: 'Topology', objects: {} }), '未知的几何类型 "Topology"'],
  ];
  for (const [text, says] of cases) {
    const res = await put(admin, '/api/v1/map/layers/roads', text);
    assert.equal(res.status, 422, text.slice(0, 60));
    assert.equal(res.body.error.code, 'map.invalid_geojson');
    assert.ok(res.body.error.message.includes(says), `${res.body.error.message} should say ${says}`);
  }
  // The stored layer is untouched by the failed uploads.
  assert.equal((await ok(staff, '/api/v1/map/layers/roads')).features.length, 2);

  const big = { type: 'MultiPoint', coordinates: [] };
  while (JSON.stringify(big).length < 5.5 * 1024 * 1024) for (let i = 0; i < 10000; i++) big.coordinates.push([113.123456 + i * 1e-6, 34.654321]);
  const tooBig = await put(admin, '/api/v1/map/layers/boundary', JSON.stringify(big));
  assert.equal(tooBig.status, 413);
  assert.equal(tooBig.body.error.code, 'map.layer_too_large');
  assert.match(tooBig.body.error.message, /超过 5 MB/);

  assert.equal((await put(staff, '/api/v1/map/layers/roads', roads)).status, 403);
  assert.equal((await put(admin, '/api/v1/map/layers/rivers', roads)).status, 404);
  assert.equal((await put(admin, '/api/v1/map/layers/roads', '')).status, 400);
});

test('units areas: polygons only, keyed to the unit, removable', async () => {
  const units = (await ok(admin, '/api/v1/units')).items;
  const bureau = units.find((u) => u.name === '云河区住房和城乡建设局');
  const area = JSON.stringify({ type: 'Feature', properties: { note: '示意' }, geometry: { type: 'Polygon', coordinates: square(113.70, 34.70) } });
  const saved = await put(admin, `/api/v1/map/layers/units/${bureau.id}`, area);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.key, `unit:${bureau.id}`);
  assert.equal(saved.body.unit_name, bureau.name);
  const merged = await ok(staff, '/api/v1/map/layers/units');
  const mine = merged.features.filter((f) => f.properties.unit_id === bureau.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].properties.note, '示意');
  const line = JSON.stringify({ type: 'LineString', coordinates: [[113.6, 34.7], [113.7, 34.8]] });
  const refused = await put(admin, `/api/v1/map/layers/units/${bureau.id}`, line);
  assert.equal(refused.status, 422);
  assert.match(refused.body.error.message, /应为面/);
  const ring = JSON.stringify({ type: 'Polygon', coordinates: [[[113.6, 34.7], [113.7, 34.7], [113.7, 34.8], [113.6, 34.8]]] });
  assert.match((await put(admin, `/api/v1/map/layers/units/${bureau.id}`, ring)).body.error.message, /未闭合/);
  assert.equal((await put(admin, '/api/v1/map/layers/units/999999', area)).status, 404);
  assert.equal((await admin.del(`/api/v1/map/layers/units/${bureau.id}`)).status, 204);
  assert.equal((await admin.del(`/api/v1/map/layers/units/${bureau.id}`)).status, 404);
  assert.ok(!(await ok(staff, '/api/v1/map/layers')).items.some((l) => l.key === `unit:${bureau.id}`));
});

// Published WGS-84 / GCJ-02 pairs (the same the C++ unit tests use), [lng, lat].
const PAIRS = [
  { place: '上海', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { place: '深圳', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { place: '北京', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
];
const metres = ([a, b], [c, d]) => {
  const r = Math.PI / 180;
  return 6371008.8 * Math.hypot((c - a) * r * Math.cos(((b + d) / 2) * r), (d - b) * r);
};

test('a location given in GCJ-02 is stored in WGS-84 within a metre of the known pair', async () => {
  const project = (await mapOf(staff)).items[0];
  for (const pair of PAIRS) {
    const res = await staff.put(`/api/v1/projects/${project.id}/location`, { lng: pair.gcj[0], lat: pair.gcj[1], datum: 'gcj02' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.converted, true);
    assert.ok(metres([res.body.lng, res.body.lat], pair.wgs) < 1, `${pair.place}: ${res.body.lng},${res.body.lat}`);
    // …and far from the GCJ-02 numbers themselves.
    assert.ok(metres([res.body.lng, res.body.lat], pair.gcj) > 200, pair.place);
  }
  const wgs = await staff.put(`/api/v1/projects/${project.id}/location`, { lng: 113.7123456, lat: 34.7234567, datum: 'wgs84' });
  assert.equal(wgs.status, 200, wgs.text);
  assert.deepEqual([wgs.body.lng, wgs.body.lat], [113.7123456, 34.7234567]);
  const detail = await ok(staff, `/api/v1/projects/${project.id}`);
  assert.deepEqual([detail.lng, detail.lat], [113.7123456, 34.7234567]);
  const onMap = (await mapOf(staff)).items.find((i) => i.id === project.id);
  assert.deepEqual([onMap.lng, onMap.lat], [113.7123456, 34.7234567]);
  const changes = (await ok(staff, `/api/v1/projects/${project.id}/changes`)).items;
  // Newest first.
  assert.equal(changes[0].field, 'location');
  assert.equal(changes[0].new_value, '113.712346, 34.723457');
  assert.equal(changes[0].old_value, '116.377817, 39.911954');

  // Stale version, bad datum, outside China, missing latitude.
  assert.equal((await staff.put(`/api/v1/projects/${project.id}/location`, { lng: 113.7, lat: 34.7, version: 1 })).status, 409);
  const bad = await staff.put(`/api/v1/projects/${project.id}/location`, { lng: 113.7, lat: 34.7, datum: 'bd09' });
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields.datum);
  const abroad = await staff.put(`/api/v1/projects/${project.id}/location`, { lng: 2.35, lat: 48.85 });
  assert.equal(abroad.status, 400);
  assert.ok(abroad.body.error.details.fields.lng);
  assert.ok((await staff.put(`/api/v1/projects/${project.id}/location`, { lng: 113.7 })).body.error.details.fields.lat);
  // Cleared: off the map, counted as unlocated.
  const before = await mapOf(staff);
  const cleared = await staff.put(`/api/v1/projects/${project.id}/location`, { lng: null, lat: null });
  assert.equal(cleared.status, 200, cleared.text);
  const after = await mapOf(staff);
  assert.equal(after.totals.count, before.totals.count - 1);
  assert.equal(after.unlocated, before.unlocated + 1);
  assert.ok(after.unlocated_items.some((i) => i.id === project.id && i.name === project.name));
  assert.ok(!after.items.some((i) => i.id === project.id));
});

test('who may set a location: staff and the unit for its own projects, not leaders or other units', async () => {
  const mine = (await mapOf(unit)).items[0];
  const own = await unit.put(`/api/v1/projects/${mine.id}/location`, { lng: PAIRS[1].gcj[0], lat: PAIRS[1].gcj[1], datum: 'GCJ-02' });
  assert.equal(own.status, 200, own.text);
  assert.ok(metres([own.body.lng, own.body.lat], PAIRS[1].wgs) < 1);
  const foreign = (await mapOf(staff)).items.find((i) => i.unit_id !== me.unit_id && !(i.unit_id === null));
  const other = await unit.put(`/api/v1/projects/${foreign.id}/location`, { lng: 113.7, lat: 34.7 });
  assert.ok([403, 404].includes(other.status), other.text);
  assert.equal((await leader.put(`/api/v1/projects/${mine.id}/location`, { lng: 113.7, lat: 34.7 })).status, 403);
});

test('the project form takes GCJ-02 coordinates with datum and stores WGS-84', async () => {
  const p = (await mapOf(staff, '?level=province')).items[0];
  const current = await ok(staff, `/api/v1/projects/${p.id}`);
  const [lng, lat] = PAIRS[2].gcj;
  const res = await staff.put(`/api/v1/projects/${p.id}`, { ...current, lng, lat, datum: 'gcj02', version: current.version });
  assert.equal(res.status, 200, res.text);
  assert.ok(metres([res.body.lng, res.body.lat], PAIRS[2].wgs) < 1, `${res.body.lng},${res.body.lat}`);
  const wrong = await staff.put(`/api/v1/projects/${p.id}`, { ...res.body, datum: 'mars', version: res.body.version });
  assert.equal(wrong.status, 400);
  assert.ok(wrong.body.error.details.fields.datum);
});

// A raw GET, without fetch's transparent decompression.
function rawGet(path, headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, { headers: { cookie: staff.cookie, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('map answers are gzip-compressed when the client accepts it', async () => {
  const plain = await rawGet('/api/v1/map/projects', { 'accept-encoding': 'identity' });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  const gz = await rawGet('/api/v1/map/projects', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(Number(gz.headers['content-length']), gz.body.length);
  const unzipped = gunzipSync(gz.body);
  assert.deepEqual(JSON.parse(unzipped.toString('utf8')), JSON.parse(plain.body.toString('utf8')));
  assert.ok(gz.body.length < plain.body.length / 3, `${gz.body.length} of ${plain.body.length} bytes`);
  console.log(`# map data: ${plain.body.length} bytes, ${gz.body.length} gzipped`);
  // Layers too; a small answer is left as it is.
  const layer = await rawGet('/api/v1/map/layers/units', { 'accept-encoding': 'gzip' });
  assert.equal(layer.headers['content-encoding'], 'gzip');
  assert.equal(layer.headers['content-type'], 'application/geo+json; charset=utf-8');
  assert.equal(JSON.parse(gunzipSync(layer.body)).type, 'FeatureCollection');
  const small = await rawGet('/api/v1/session', { 'accept-encoding': 'gzip' });
  assert.equal(small.headers['content-encoding'], undefined);
});

test('a configured tile server is allowed by the page policy; a malformed one stops the server', async () => {
  const tiles = 'http://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=demo';
  const online = await startServer({ demo: false, args: ['--map_tile_url', tiles, '--map_tile_subdomains', '01234567'] });
  try {
    const res = await fetch(`${online.url}/healthz`);
    assert.match(res.headers.get('content-security-policy'), /img-src 'self' data: blob: http:\/\/\*\.tianditu\.gov\.cn;/);
  } finally {
    await online.stop();
  }
  const offline = await fetch(`${server.url}/healthz`);
  assert.match(offline.headers.get('content-security-policy'), /img-src 'self' data: blob:;/);
  await assert.rejects(startServer({ demo: false, args: ['--map_tile_url', 'ftp://tiles.example/{z}/{x}/{y}.png'] }), /map_tile_url/);
});

test('the project importer reads 经度/纬度 with a 坐标系 column and stores WGS-84', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(['项目名称', '责任单位', '总投资(万元)', '经度', '纬度', '坐标系']);
  ws.addRow(['云河区地图导入测试冷链仓储中心', '城东路街道办事处', 12000, PAIRS[0].gcj[0], PAIRS[0].gcj[1], 'GCJ-02']);
  ws.addRow(['云河区地图导入测试智慧停车场', '城东路街道办事处', 3000, 113.7211, 34.7312, 'CGCS2000']);
  ws.addRow(['云河区地图导入测试口袋公园', '城东路街道办事处', 800, 113.7011, 34.7112, '']);
  ws.addRow(['云河区地图导入测试污水泵站', '城东路街道办事处', 900, 113.7, 34.7, '百度']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const preview = await staff.post(`/api/v1/imports/projects?filename=${encodeURIComponent('坐标导入.xlsx')}`, new Uint8Array(bytes),
    { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(preview.status, 200, preview.text);
  assert.ok(preview.body.columns.some((c) => c.field === 'datum'), JSON.stringify(preview.body.columns));
  const bad = preview.body.rows.find((r) => r.action === 'error');
  assert.ok(bad, JSON.stringify(preview.body.rows));
  assert.match(JSON.stringify(bad), /坐标系/);
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, { skip_errors: true });
  assert.equal(commit.status, 200, commit.text);
  assert.equal(commit.body.created, 3);
  const find = async (name) => (await ok(staff, '/api/v1/projects?q=' + encodeURIComponent(name))).items.find((p) => p.name === name);
  const cold = await find('云河区地图导入测试冷链仓储中心');
  assert.ok(metres([cold.lng, cold.lat], PAIRS[0].wgs) < 1, `${cold.lng},${cold.lat}`);
  const parking = await find('云河区地图导入测试智慧停车场');
  assert.deepEqual([parking.lng, parking.lat], [113.7211, 34.7312]);
  const park = await find('云河区地图导入测试口袋公园');
  assert.deepEqual([park.lng, park.lat], [113.7011, 34.7112]);
});
