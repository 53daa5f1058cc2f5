// The dashboard (统计分析) through the API: a street of four projects in 2025 whose totals,
// groups, curve, colours and rates are worked out by hand at the end of June (序时进度 50%);
// every figure lists the projects behind it; a repeated request is a 304 until data changes.
// Amounts are fen (1 万元 = 1,000,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, createAccount } from '../lib/server.mjs';

const WAN = 1_000_000;
let server, staff, reporter, otherUnit, street;
const ids = {};

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  const admin = await signedIn(server.url, 'admin');
  otherUnit = await signedIn(server.url, 'nanguan');
  const unit = await admin.post('/api/v1/units', { name: '西湖路街道办事处', kind: 'street' });
  assert.equal(unit.status, 201, unit.text);
  street = unit.body.id;
  reporter = (await createAccount(admin, server.url, {
    username: 'xihulu', password: 'Yunhe#Xh2026', role: 'unit', unit_id: street, display_name: '西湖路街道填报员',
  })).client;

  const create = async (key, body) => {
    const res = await staff.post('/api/v1/projects', { level: 'district', lead_unit_id: street, ...body });
    assert.equal(res.status, 201, res.text);
    ids[key] = res.body.id;
  };
  await create('road', { name: '黄河路快速化改造工程', level: 'province', star: 5, stage: 'construction',
    planned_start: '2025-02', actual_start: '2025-02-16', registered: true, registered_date: '2025-03-01',
    total_investment: 80000 * WAN });
  await create('plant', { name: '南曹再生水厂一期', stage: 'construction', planned_start: '2025-03',
    actual_start: '2025-04-02', planned_completion: '2025-05', total_investment: 6000 * WAN });
  await create('park', { name: '西湖路智慧物流园', stage: 'preparation', stage_date: '2025-01-05',
    planned_start: '2025-05', total_investment: 150000 * WAN });
  await create('garden', { name: '西湖路口袋公园', stage: 'construction', planned_start: '2025-01',
    actual_start: '2025-01-10', planned_completion: '2025-04', total_investment: 300 * WAN });
  for (const [key, amount] of [['road', 1200], ['plant', 600], ['garden', 300]]) {
    const res = await staff.put(`/api/v1/projects/${ids[key]}/plans/2025`, { amount: amount * WAN });
    assert.equal(res.status, 200, res.text);
  }
  await report('road', '2025-02', 200);
  await report('road', '2025-05', 300);
  await report('plant', '2025-06', 60);
  await report('garden', '2025-01', 100);
  await report('garden', '2025-04', 200);
  // Completed projects report no more: the garden is marked 竣工 after its reports.
  const done = await staff.post(`/api/v1/projects/${ids.garden}/events`, { to_stage: 'completed', date: '2025-04-28' });
  assert.equal(done.status, 200, done.text);
});
after(async () => { await server?.stop(); });

async function report(key, period, wan) {
  const base = `/api/v1/projects/${ids[key]}/reports/${period}`;
  const current = await reporter.get(base);
  const version = current.body?.report?.version;
  const saved = await reporter.put(base, { amount: wan * WAN, progress_text: '按计划推进', ...(version ? { version } : {}) });
  assert.equal(saved.status, 200, saved.text);
  const submitted = await reporter.post(`${base}/submit`, { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  const accepted = await staff.post(`${base}/accept`, { version: submitted.body.report.version });
  assert.equal(accepted.status, 200, accepted.text);
}

const url = (extra = '') => `/api/v1/dashboard?period=2025-06&unit_id=${street}${extra}`;

test('totals, groups, the monthly curve, colours and rates match the figures worked out by hand', async () => {
  const res = await staff.get(url());
  assert.equal(res.status, 200, res.text);
  const d = res.body;
  assert.equal(d.schedule, '50.0%');
  assert.deepEqual(
    [d.totals.projects, d.totals.total_investment, d.totals.annual_plan, d.totals.year_to_date, d.totals.annual_rate],
    [4, 236300 * WAN, 2100 * WAN, 860 * WAN, '41.0%']);
  assert.deepEqual(d.by_level.map((g) => [g.label, g.projects, g.annual_plan, g.year_to_date]),
    [['省重点', 1, 1200 * WAN, 500 * WAN], ['区重点', 3, 900 * WAN, 360 * WAN]]);
  assert.deepEqual(d.by_star.map((g) => [g.label, g.projects]), [['5星', 1]]);
  assert.deepEqual(d.by_unit.map((g) => [g.label, g.projects, g.annual_plan]), [['西湖路街道办事处', 4, 2100 * WAN]]);
  assert.deepEqual(d.by_stage.map((g) => [g.label, g.projects]), [['前期', 1], ['在建', 2], ['竣工', 1]]);
  // 1,200/12 + 600/12 + 300/12 = 175 万 planned by January; accepted: 100 (Jan), +200 (Feb), +200 (Apr), +300 (May), +60 (Jun).
  assert.deepEqual(d.monthly.slice(0, 7).map((m) => [m.month, m.plan / WAN, m.actual === null ? null : m.actual / WAN]),
    [['2025-01', 175, 100], ['2025-02', 350, 300], ['2025-03', 525, 300], ['2025-04', 700, 500],
      ['2025-05', 875, 800], ['2025-06', 1050, 860], ['2025-07', 1225, null]]);
  assert.equal(d.monthly[11].plan, 2100 * WAN);
  // Road 41.7% (−8.3 points) and garden 100%: green; park 2 months late to start: yellow;
  // plant 10% (−40 points): red.
  assert.deepEqual(d.colours, { green: 2, yellow: 1, red: 1 });
  assert.deepEqual(d.lagging.map((p) => [p.name, p.annual_rate, p.colour]),
    [['南曹再生水厂一期', '10.0%', 'red'], ['黄河路快速化改造工程', '41.7%', 'green']]);
  assert.equal(d.lagging[0].reason, '年度完成率10.0%,低于序时进度50.0% 40.0个百分点');
  // 开工率: all four were to start by June, the park has not: 3/4. 竣工率: plant (May) and
  // garden (April) due, the garden done: 1/2. 入库率: road and plant started with ≥ 500 万, the
  // road is in: 1/2, the plant is the 应统尽统 gap. 储备 150,000 against 在建 86,000: 1.74.
  assert.deepEqual(d.rates.start, { key: 'rate.start', counted: 3, of: 4, rate: '75.0%' });
  assert.deepEqual(d.rates.completion, { key: 'rate.completion', counted: 1, of: 2, rate: '50.0%' });
  assert.deepEqual(d.rates.stats, { key: 'rate.stats', counted: 1, of: 2, rate: '50.0%' });
  assert.equal(d.rates.stats_gap, 1);
  assert.equal(d.rates.investment, '41.0%');
  assert.deepEqual([d.rates.reserve_total, d.rates.construction_total, d.rates.reserve_ratio], [150000 * WAN, 86000 * WAN, '1.74']);

  const province = await staff.get(url('&level=province'));
  assert.equal(province.body.totals.projects, 1);
  assert.equal(province.body.totals.year_to_date, 500 * WAN);
  assert.equal((await staff.get(url('&level=town'))).status, 400);
});

test('every figure lists the projects behind it', async () => {
  const behind = async (figure) => {
    const res = await staff.get(`/api/v1/dashboard/projects?period=2025-06&unit_id=${street}&figure=${figure}`);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  assert.deepEqual((await behind('colour.red')).items.map((p) => p.id), [ids.plant]);
  assert.deepEqual((await behind('stats.gap')).items.map((p) => [p.name, p.registered]), [['南曹再生水厂一期', false]]);
  assert.deepEqual((await behind('rate.start.due')).items.map((p) => p.id).sort(),
    [ids.road, ids.plant, ids.park, ids.garden].sort());
  assert.deepEqual((await behind('rate.start.done')).items.map((p) => p.id).includes(ids.park), false);
  const province = await behind('level.province');
  assert.deepEqual([province.total, province.annual_plan, province.year_to_date], [1, 1200 * WAN, 500 * WAN]);
  assert.deepEqual((await behind('reserve')).items.map((p) => p.id), [ids.park]);
  // Pages of a figure: the totals stay those of every project behind it.
  const all = await behind('all');
  const second = await staff.get(`/api/v1/dashboard/projects?period=2025-06&unit_id=${street}&figure=all&page=2&page_size=3`);
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.body.items.map((p) => p.id), all.items.slice(3).map((p) => p.id));
  assert.deepEqual([second.body.total, second.body.year_to_date, second.body.page], [4, 860 * WAN, 2]);
  assert.equal((await staff.get(`/api/v1/dashboard/projects?period=2025-06&figure=all&page_size=501`)).status, 400);
  assert.equal((await staff.get(`/api/v1/dashboard/projects?period=2025-06&figure=nonsense`)).status, 400);
  assert.equal((await staff.get(`/api/v1/dashboard/projects?period=2025-06`)).status, 400);
});

test('a unit sees only its own projects on the dashboard', async () => {
  const own = await reporter.get('/api/v1/dashboard?period=2025-06');
  assert.equal(own.body.totals.projects, 4);
  const other = await otherUnit.get(url());
  assert.equal(other.status, 200);
  assert.equal(other.body.totals.projects, 0);
});

test('a repeated request is answered 304 from the cache until a write changes the figures', async () => {
  const first = await staff.get(url());
  const etag = first.headers.get('etag');
  assert.ok(etag, 'an ETag is sent');
  assert.equal(first.headers.get('cache-control'), 'private, no-cache');
  const again = await staff.get(url(), { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  // The plant's June goes from 60 to 180 万.
  await report('plant', '2025-06', 180);
  const changed = await staff.get(url(), { headers: { 'if-none-match': etag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
  assert.equal(changed.body.totals.year_to_date, 980 * WAN);

  // The cached answer is given without reading the session: a logout must still end it.
  const leaving = await signedIn(server.url, 'fgw');
  const seen = await leaving.get(url());
  assert.equal((await leaving.get(url(), { headers: { 'if-none-match': seen.headers.get('etag') } })).status, 304);
  const cookie = leaving.cookie;
  assert.equal((await leaving.del('/api/v1/session')).status, 204);
  leaving.cookie = cookie;
  assert.equal((await leaving.get(url())).status, 401, 'a closed session gets no cached dashboard');
});
