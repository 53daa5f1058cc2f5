// Annual plans (年度计划) and unit targets (任务分解) through the API, on year 2027 so that the
// demo's plans (this year) stay out of the sums: validation naming the field and the row,
// curve checks, plan.stale, issue and 年中调整 with a reason kept as revisions, batches all or
// nothing, a unit reporter's scope, and the reconciliation of district, unit and project
// figures. Amounts are fen (1 万元 = 1,000,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startServer, signedIn } from '../lib/server.mjs';
import { LEDGER_HEADING } from '../lib/ledger.mjs';

const WAN = 1_000_000;
const Y = 2027;
let server, staff, leader, chengdong, units, dict;
const ids = {};

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  leader = await signedIn(server.url, 'quzhang');
  chengdong = await signedIn(server.url, 'chengdong');
  dict = (await staff.get('/api/v1/dictionaries')).body;
  units = Object.fromEntries((await staff.get('/api/v1/units')).body.items.map((u) => [u.name, u.id]));
  const item = (d, label) => dict[d].find((i) => i.label === label).id;
  const make = async (key, name, lead, totalWan, owner = '云河城市建设投资集团有限公司') => {
    const res = await staff.post('/api/v1/projects', {
      name, level: 'district', star: 0,
      category_id: item('category', '基础设施'), industry_id: item('industry', '市政公用'), nature_id: item('nature', '新建'),
      lead_unit_id: units[lead], owner_unit_id: units[owner], total_investment: totalWan * WAN,
      planned_start: '2026-04', planned_completion: '2028-10', stage: 'construction', actual_start: '2026-04-16',
    });
    assert.equal(res.status, 201, res.text);
    ids[key] = res.body.id;
  };
  await make('road', '城东路街道紫辰路(商鼎路—豫英路)道路工程', '城东路街道办事处', 36000);
  await make('school', '城东路街道第二实验小学新建工程', '城东路街道办事处', 18500);
  await make('market', '南关街道老旧小区改造(三期)项目', '南关街道办事处', 9200);
  await make('plant', '南曹再生水厂二期工程', '云河区住房和城乡建设局', 52000, '云河水务有限公司');
});
after(async () => { await server?.stop(); });

const planUrl = (key, year = Y) => `/api/v1/projects/${ids[key]}/plans/${year}`;
const fields = (res) => res.body?.error?.details?.fields ?? {};

test('a bad plan is refused naming every field: amount, curve month, goals, dates within the year', async () => {
  const res = await staff.put(planUrl('road'), {
    amount: -5, goals: ['完成路基', 7], planned_start: '2026-11', planned_completion: '2027/12',
  });
  assert.equal(res.status, 400, res.text);
  const f = fields(res);
  assert.match(f.amount, /0 到/);
  assert.match(f['goals.1'], /文本/);
  assert.match(f.planned_start, /2027/);
  assert.match(f.planned_completion, /YYYY-MM/);

  const order = await staff.put(planUrl('road'), { amount: 12000 * WAN, planned_start: '2027-09', planned_completion: '2027-03' });
  assert.equal(fields(order).planned_completion, '计划竣工不能早于计划开工');

  const missing = await staff.put(planUrl('road'), { goals: ['', '', '', ''] });
  assert.equal(missing.status, 400, missing.text);
  assert.equal(fields(missing).amount, '必填');
  assert.equal((await staff.get(planUrl('road'))).status, 404);
});

test('the monthly curve must not fall, must end at the annual amount and have 12 months', async () => {
  const amount = 12000 * WAN;
  const curve = Array.from({ length: 12 }, (_, m) => Math.floor((amount * (m + 1)) / 12));
  const falling = [...curve];
  falling[4] = falling[3] - WAN;
  let res = await staff.put(planUrl('road'), { amount, curve: falling });
  assert.equal(res.status, 400);
  assert.match(fields(res)['curve.5'], /5月累计计划.*少于4月/);

  const short = [...curve];
  short[11] = 11000 * WAN;
  res = await staff.put(planUrl('road'), { amount, curve: short });
  assert.match(fields(res)['curve.12'], /应等于年度计划投资 12,000\.00 万元/);

  res = await staff.put(planUrl('road'), { amount, curve: curve.slice(1) });
  assert.match(fields(res).curve, /12 个月/);
  res = await staff.put(planUrl('road'), { amount, curve: ['一月'] });
  assert.match(fields(res).curve, /整数/);

  // A curve equal to the linear one is kept as linear; a shaped one as sent.
  res = await staff.put(planUrl('road'), { amount, curve, goals: ['完成路基施工30%', '路基完成', '完成基层摊铺', '具备通车条件'] });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.curve_linear, true);
  assert.equal(res.body.state, 'draft');
  assert.equal(res.body.revision, 0);
  assert.deepEqual(res.body.revisions, []);
  assert.deepEqual(res.body.curve, curve);
  const shaped = [0, 0, 500, 1500, 3000, 4500, 6000, 7500, 9000, 10500, 11500, 12000].map((w) => w * WAN);
  res = await staff.put(planUrl('road'), { amount, curve: shaped, goals: res.body.goals, version: res.body.version });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.curve_linear, false);
  assert.deepEqual(res.body.curve, shaped);
  assert.equal(res.body.goals[3], '具备通车条件');
});

test('a change needs the version read before it: missing is a field error, outdated is plan.stale', async () => {
  const current = (await staff.get(planUrl('road'))).body;
  const noVersion = await staff.put(planUrl('road'), { amount: 13000 * WAN });
  assert.equal(noVersion.status, 400);
  assert.match(fields(noVersion).version, /必填/);
  const stale = await staff.put(planUrl('road'), { amount: 13000 * WAN, version: current.version - 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'plan.stale');
  const ok = await staff.put(planUrl('road'), { amount: 13000 * WAN, version: current.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, current.version + 1);
  assert.equal(ok.body.curve_linear, true, 'a curve not sent is linear again');
  assert.equal(ok.body.curve[11], 13000 * WAN);
});

test('a batch is all or nothing and names the bad rows', async () => {
  const bad = await staff.post('/api/v1/plans/batch', {
    year: Y,
    items: [
      { project_id: ids.school, amount: 6000 * WAN, goals: ['主体结构施工', '主体封顶', '装饰装修', '竣工验收'] },
      { project_id: ids.market, amount: -1 },
      { project_id: 99999999, amount: 100 * WAN },
      { project_id: ids.school, amount: 1 * WAN },
    ],
  });
  assert.equal(bad.status, 400, bad.text);
  const f = fields(bad);
  assert.ok(f['items.1.amount'], JSON.stringify(f));
  assert.equal(f['items.2.project_id'], '项目不存在');
  assert.match(f['items.3.project_id'], /第 1 行/);
  assert.equal(f['items.0.amount'], undefined);
  assert.equal(bad.body.error.code, 'plans.has_errors');
  assert.ok(bad.body.error.message.startsWith('有 3 行存在错误,未保存任何数据。第一处:第 2 行(南关街道老旧小区改造(三期)项目),年度计划投资:'),
    bad.body.error.message);
  assert.equal((await staff.get(planUrl('school'))).status, 404, 'the good row was not saved either');

  // A stale row fails the whole batch too.
  const road = (await staff.get(planUrl('road'))).body;
  const stale = await staff.post('/api/v1/plans/batch', {
    year: Y,
    items: [
      { project_id: ids.school, amount: 6000 * WAN },
      { project_id: ids.road, amount: 14000 * WAN, version: road.version - 1 },
    ],
  });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'plan.stale');
  assert.ok(fields(stale)['items.1.version']);
  assert.equal((await staff.get(planUrl('school'))).status, 404);

  const ok = await staff.post('/api/v1/plans/batch', {
    year: Y,
    items: [
      { project_id: ids.school, amount: 6000 * WAN, goals: ['主体结构施工', '主体封顶', '装饰装修', '竣工验收'], planned_completion: '2027-08' },
      { project_id: ids.market, amount: 2500 * WAN },
      { project_id: ids.plant, amount: 15000 * WAN },
    ],
  });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.body.items.map((p) => [p.project_id, p.amount, p.state]),
    [[ids.school, 6000 * WAN, 'draft'], [ids.market, 2500 * WAN, 'draft'], [ids.plant, 15000 * WAN, 'draft']]);

  const list = await staff.get(`/api/v1/plans?year=${Y}&unit_id=${units['城东路街道办事处']}&page_size=100`);
  assert.equal(list.status, 200);
  const mine = list.body.items.filter((r) => r.plan);
  assert.deepEqual(mine.map((r) => r.project.id).sort(), [ids.road, ids.school].sort());
  assert.equal(list.body.amount_sum, 13000 * WAN + 6000 * WAN);
  assert.ok(list.body.items.every((r) => r.project.lead_unit_name === '城东路街道办事处'));
});

test('issued plans change only with a reason, and every adjustment is kept as a revision', async () => {
  const issued = await staff.post('/api/v1/plans/issue', { year: Y, project_ids: [ids.road, ids.school] });
  assert.equal(issued.status, 200, issued.text);
  assert.equal(issued.body.issued, 2);
  let road = (await staff.get(planUrl('road'))).body;
  assert.equal(road.state, 'issued');
  assert.equal(road.revision, 1);
  assert.deepEqual(road.revisions.map((r) => [r.revision, r.amount, r.reason]), [[1, 13000 * WAN, null]]);
  assert.equal((await staff.get(planUrl('market'))).body.state, 'draft', 'not named, not issued');

  const noReason = await staff.put(planUrl('road'), { amount: 11000 * WAN, version: road.version });
  assert.equal(noReason.status, 400);
  assert.match(fields(noReason).reason, /已下达.*原因/);

  // Saving it unchanged needs no reason and keeps no revision.
  const same = await staff.put(planUrl('road'), { amount: road.amount, goals: road.goals, version: road.version });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.body.revision, 1);

  const reason = '征地拆迁滞后,经区重点项目推进会研究调减年度计划';
  const adjusted = await staff.put(planUrl('road'), { amount: 11000 * WAN, goals: road.goals, version: road.version, reason });
  assert.equal(adjusted.status, 200, adjusted.text);
  assert.equal(adjusted.body.revision, 2);
  assert.deepEqual(adjusted.body.revisions.map((r) => [r.revision, r.amount, r.reason, r.user_name]),
    [[1, 13000 * WAN, null, '王磊'], [2, 11000 * WAN, reason, '王磊']]);

  // The same rule in a batch: the reason is one for the batch.
  const school = (await staff.get(planUrl('school'))).body;
  const batchNoReason = await staff.post('/api/v1/plans/batch', { year: Y, items: [{ project_id: ids.school, amount: 6500 * WAN, version: school.version }] });
  assert.equal(batchNoReason.status, 400);
  assert.ok(fields(batchNoReason).reason);
  const batch = await staff.post('/api/v1/plans/batch', {
    year: Y, reason: '追加室外运动场工程', items: [{ project_id: ids.school, amount: 6500 * WAN, version: school.version }],
  });
  assert.equal(batch.status, 200, batch.text);
  assert.equal(batch.body.items[0].revision, 2);

  // Issuing again leaves issued plans alone.
  road = (await staff.get(planUrl('road'))).body;
  const again = await staff.post('/api/v1/plans/issue', { year: Y, project_ids: [ids.road] });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.issued, 0);
  assert.deepEqual((await staff.get(planUrl('road'))).body, road);
  assert.equal(road.revisions.length, 2);
});

test('a unit reporter reads only its own unit\'s plans and target and edits none', async () => {
  const list = await chengdong.get(`/api/v1/plans?year=${Y}&page_size=500`);
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length >= 2);
  const names = new Set(list.body.items.map((r) => r.project.id));
  assert.ok(names.has(ids.road) && names.has(ids.school) && !names.has(ids.market));
  assert.equal((await chengdong.get(planUrl('road'))).status, 200);
  const other = await chengdong.get(planUrl('market'));
  assert.equal(other.status, 404);
  assert.equal(other.body.error.code, 'project.not_found');
  assert.equal((await chengdong.put(planUrl('road'), { amount: 1, version: 1 })).status, 403);
  assert.equal((await chengdong.post('/api/v1/plans/batch', { year: Y, items: [{ project_id: ids.road, amount: 1 }] })).status, 403);
  assert.equal((await chengdong.post('/api/v1/plans/issue', { year: Y })).status, 403);
  assert.equal((await chengdong.put(`/api/v1/unit-targets/${Y}`, { district_amount: 1 })).status, 403);

  const targets = await chengdong.get(`/api/v1/unit-targets?year=${Y}`);
  assert.equal(targets.status, 200);
  assert.deepEqual(targets.body.units.map((u) => u.unit_name), ['城东路街道办事处']);
  assert.equal(targets.body.district_amount, null);
  assert.equal(targets.body.units[0].projects_amount, 11000 * WAN + 6500 * WAN);
  const own = await chengdong.get(`/api/v1/unit-targets/${Y}/units/${units['城东路街道办事处']}`);
  assert.equal(own.status, 200);
  assert.deepEqual(own.body.projects.filter((p) => p.plan_amount !== null).map((p) => p.id).sort(), [ids.road, ids.school].sort());
  assert.equal((await chengdong.get(`/api/v1/unit-targets/${Y}/units/${units['南关街道办事处']}`)).status, 404);
  assert.equal((await staff.get(`/api/v1/projects/99999999/plans/${Y}`)).status, 404);
  assert.equal((await staff.get(`/api/v1/plans?year=1999`)).status, 400);
});

test('任务分解 reports the district total against the units and each unit against its projects\' plans', async () => {
  const bad = await staff.put(`/api/v1/unit-targets/${Y}`, {
    district_amount: 50000 * WAN,
    units: [{ unit_id: units['云河水务有限公司'], amount: WAN }, { unit_id: units['南关街道办事处'], amount: -1 }],
  });
  assert.equal(bad.status, 400);
  assert.match(fields(bad)['units.0.unit_id'], /不分解投资目标/);
  assert.ok(fields(bad)['units.1.amount']);
  assert.equal((await leader.put(`/api/v1/unit-targets/${Y}`, { district_amount: 1 })).status, 403);

  const res = await staff.put(`/api/v1/unit-targets/${Y}`, {
    district_amount: 40000 * WAN,
    units: [
      { unit_id: units['城东路街道办事处'], amount: 17500 * WAN },   // = 11000 + 6500
      { unit_id: units['南关街道办事处'], amount: 3000 * WAN },      // plans 2500: 500 too much
      { unit_id: units['云河区住房和城乡建设局'], amount: 15000 * WAN }, // = 15000
    ],
  });
  assert.equal(res.status, 200, res.text);
  const body = res.body;
  assert.equal(body.district_amount, 40000 * WAN);
  assert.equal(body.units_sum, 35500 * WAN);
  assert.equal(body.mismatch.district, 4500 * WAN);
  assert.deepEqual(body.mismatch.units, [units['南关街道办事处']]);
  const row = (name) => body.units.find((u) => u.unit_name === name);
  assert.deepEqual([row('南关街道办事处').amount, row('南关街道办事处').projects_amount, row('南关街道办事处').difference],
    [3000 * WAN, 2500 * WAN, 500 * WAN]);
  assert.equal(row('城东路街道办事处').difference, 0);
  assert.equal(row('城东路街道办事处').project_count, 2);
  assert.equal(row('北关街道办事处').amount, null);
  assert.ok(!body.units.some((u) => u.kind === 'owner' || u.kind === 'superior'));

  // A unit without a target whose projects have plans is a mismatch too; a leader reads it all.
  const cleared = await staff.put(`/api/v1/unit-targets/${Y}`, { district_amount: 40000 * WAN, units: [{ unit_id: units['云河区住房和城乡建设局'], amount: null }] });
  assert.equal(cleared.status, 200, cleared.text);
  const read = await leader.get(`/api/v1/unit-targets?year=${Y}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.mismatch.units.sort(), [units['南关街道办事处'], units['云河区住房和城乡建设局']].sort());
  assert.equal(read.body.mismatch.district, 40000 * WAN - 20500 * WAN);
  const detail = await leader.get(`/api/v1/unit-targets/${Y}/units/${units['南关街道办事处']}`);
  assert.equal(detail.body.amount, 3000 * WAN);
  assert.equal(detail.body.projects_amount, 2500 * WAN);
  assert.equal(detail.body.mismatch, true);
});

test('the year\'s plans export as an .xlsx plan table grouped by 责任单位, a unit reporter\'s only its own', async () => {
  const read = async (client, query) => {
    const res = await client.get(`/api/v1/exports/plans?year=${Y}${query}`, { raw: true });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
    const ws = wb.worksheets[0];
    const rows = [];
    ws.eachRow((row) => rows.push(row.values.slice(1).map((v) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v))));
    return rows;
  };
  const rows = await read(staff, '');
  assert.equal(rows[0][0], `${Y}年重点项目年度投资计划表`);
  assert.match(rows[1][0], /共 4 个项目    单位:万元$/);
  const byName = Object.fromEntries(rows.filter((r) => typeof r[0] === 'number').map((r) => [r[1], r]));
  const road = byName['城东路街道紫辰路(商鼎路—豫英路)道路工程'];
  assert.equal(road[4], '城东路街道办事处');
  assert.equal(road[7], 11000);
  assert.deepEqual(road.slice(8, 12), [2750, 2750, 2750, 2750]);
  assert.equal(road[18], '已下达(第2版)');
  assert.equal(byName['南关街道老旧小区改造(三期)项目'][18], '草拟');
  // One heading per 责任单位 with its count, numbered 一、二、三 in order.
  const headings = rows.filter((r) => typeof r[0] === 'string' && /^[一二三四五六七八九十]、/.test(r[0])).map((r) => LEDGER_HEADING.exec(r[0]));
  assert.ok(headings.every(Boolean), 'every heading reads "一、单位(n个)"');
  assert.deepEqual(headings.map((h) => h[1]), ['一', '二', '三']);
  assert.deepEqual(headings.map((h) => `${h[2]} ${h[3]}`).sort(),
    ['云河区住房和城乡建设局 1', '南关街道办事处 1', '城东路街道办事处 2'].sort());
  const total = rows[rows.length - 1];
  assert.equal(total[1], '合计');
  assert.equal(total[7], 11000 + 6500 + 2500 + 15000);

  const own = await read(chengdong, '');
  assert.deepEqual(own.filter((r) => typeof r[0] === 'number').map((r) => r[4]), ['城东路街道办事处', '城东路街道办事处']);
});

test('the plan table comes back in: preview by row, all or nothing, 年中调整 with a reason, the same file twice changes nothing', async () => {
  const exported = await staff.get(`/api/v1/exports/plans?year=${Y}`, { raw: true });
  assert.equal(exported.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await exported.arrayBuffer()));
  const ws = wb.worksheets[0];
  const rowOf = (name) => {
    for (let i = 5; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(2).value === name) return ws.getRow(i);
    throw new Error(`${name} not in the table`);
  };
  const upload = async (client = staff) => client.request('POST', `/api/v1/imports/plans?year=${Y}&filename=plan.xlsx`, {
    body: new Uint8Array(await wb.xlsx.writeBuffer()), headers: { 'content-type': 'application/octet-stream' },
  });
  const commit = (preview, extra = {}) => staff.post(`/api/v1/imports/plans/${preview.body.import_id}/commit`,
    { year: Y, token: preview.body.token, ...extra });
  const before = Object.fromEntries(await Promise.all(Object.keys(ids).map(async (k) => [k, (await staff.get(planUrl(k))).body])));

  // The table as exported: every row unchanged.
  const same = await upload();
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(same.body.summary, { create: 0, update: 0, adjust: 0, unchanged: 4, error: 0 });
  assert.deepEqual(same.body.columns, ['quarters', 'goals', 'planned_start', 'planned_completion']);

  // A project without a plan for the year, added at the bottom by name; the draft market plan
  // changed with its quarters and a goal; the issued road plan raised (年中调整).
  const res = await staff.post('/api/v1/projects', {
    name: '南关街道社区养老服务中心建设项目', level: 'district', star: 0,
    category_id: dict.category.find((i) => i.label === '基础设施').id, lead_unit_id: units['南关街道办事处'],
    total_investment: 4800 * WAN, stage: 'preparation',
  });
  assert.equal(res.status, 201, res.text);
  const elderly = res.body.id;
  const added = ws.getRow(ws.rowCount + 1);
  added.getCell(2).value = '南关街道社区养老服务中心建设项目';
  added.getCell(8).value = 1200;
  const market = rowOf('南关街道老旧小区改造(三期)项目');
  market.getCell(8).value = 3000;
  [500, 1000, 1000, 400].forEach((v, q) => { market.getCell(9 + q).value = v; });
  market.getCell(16).value = '完成三期全部楼栋外立面改造';
  const road = rowOf('城东路街道紫辰路(商鼎路—豫英路)道路工程');
  road.getCell(8).value = '约一万二';
  const bad = await upload();
  assert.equal(bad.status, 200, bad.text);
  assert.equal(bad.body.summary.error, 2);
  const errorsOf = (name) => bad.body.rows.find((r) => r.name === name).errors.map((e) => `${e.label}:${e.message}`);
  assert.deepEqual(errorsOf('南关街道老旧小区改造(三期)项目'), ['分季度计划投资:四个季度之和 2,900 万元与年度计划投资 3,000 万元不符']);
  assert.deepEqual(errorsOf('城东路街道紫辰路(商鼎路—豫英路)道路工程'), ['年度计划投资:“约一万二”不是数字(单位:万元)']);
  const refused = await commit(bad);
  assert.equal(refused.status, 400, refused.text);
  assert.match(refused.body.error.message, /有 2 行存在错误,未导入任何数据。第一处:第 \d+ 行/);
  assert.equal((await staff.get(planUrl('market'))).body.version, before.market.version, 'a bad table writes nothing');
  assert.equal((await staff.get(`/api/v1/projects/${elderly}/plans/${Y}`)).status, 404);

  market.getCell(12).value = 500;
  road.getCell(8).value = 12000;
  [3000, 3000, 3000, 3000].forEach((v, q) => { road.getCell(9 + q).value = v; });
  const preview = await upload();
  assert.deepEqual(preview.body.summary, { create: 1, update: 1, adjust: 1, unchanged: 2, error: 0 }, preview.text);
  const action = (id) => preview.body.rows.find((r) => r.project_id === id).action;
  assert.deepEqual([action(elderly), action(ids.market), action(ids.road)], ['create', 'update', 'adjust']);
  assert.equal(preview.body.rows.find((r) => r.project_id === ids.road).old_amount, before.road.amount);

  const noReason = await commit(preview);
  assert.equal(noReason.status, 400);
  assert.match(fields(noReason).reason, /将调整 1 个已下达的计划/);

  // A plan changed after the preview: the commit is refused, nothing written.
  const moved = await staff.put(planUrl('market'), { ...before.market, amount: 2600 * WAN, curve: null, version: before.market.version });
  assert.equal(moved.status, 200, moved.text);
  const stale = await commit(preview, { reason: '根据上半年实际进度调整' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.code, 'import.stale');
  assert.equal((await staff.get(planUrl('road'))).body.amount, before.road.amount);

  const fresh = await upload();
  const done = await commit(fresh, { reason: '根据上半年实际进度调整' });
  assert.equal(done.status, 200, done.text);
  assert.deepEqual([done.body.created, done.body.updated, done.body.adjusted, done.body.unchanged], [1, 1, 1, 2]);
  const m = (await staff.get(planUrl('market'))).body;
  assert.equal(m.amount, 3000 * WAN);
  assert.deepEqual([m.curve[2], m.curve[5], m.curve[8], m.curve[11]], [500 * WAN, 1500 * WAN, 2500 * WAN, 3000 * WAN]);
  assert.equal(m.goals[3], '完成三期全部楼栋外立面改造');
  assert.equal(m.goals[0], before.market.goals[0]);
  const r = (await staff.get(planUrl('road'))).body;
  assert.deepEqual([r.amount, r.revision, r.curve_linear], [12000 * WAN, before.road.revision + 1, true]);
  assert.equal(r.revisions.at(-1).reason, '根据上半年实际进度调整');
  const e = (await staff.get(`/api/v1/projects/${elderly}/plans/${Y}`)).body;
  assert.deepEqual([e.amount, e.state, e.curve_linear], [1200 * WAN, 'draft', true]);
  for (const k of ['school', 'plant']) assert.equal((await staff.get(planUrl(k))).body.version, before[k].version);

  // The same file again: every row unchanged and nothing written.
  const again = await upload();
  assert.deepEqual(again.body.summary, { create: 0, update: 0, adjust: 0, unchanged: 5, error: 0 }, again.text);
  const second = await commit(again);
  assert.equal(second.status, 200, second.text);
  assert.equal((await staff.get(planUrl('road'))).body.revisions.length, r.revisions.length);
  assert.equal((await staff.get(planUrl('market'))).body.version, m.version);

  // Only the bureau imports plans.
  assert.equal((await upload(chengdong)).status, 403);
});
