// Unit rankings (排名通报) through the API: three streets with 1,000 万元 planned each in 2025
// report month by month; ranks with ties and movement, the escalation ladder with a month
// that breaks the run, escalations recorded when a month is locked, the quarter's scores with
// inspection scores and awards, and settings checked by field. Figures worked out by hand (the
// same streets as src/domain/ranking_test.cc). Amounts are fen (1 万元 = 1,000,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../lib/server.mjs';

const WAN = 1_000_000;
let server, staff, admin, unit;
const streets = {};

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  unit = await signedIn(server.url, 'chengdong');
  const monthly = { 东风路街道办事处: [100, 100, 100, 100], 西湖路街道办事处: [80, 80, 0, 300], 北环路街道办事处: [50, 50, 200, 0] };
  for (const [name, amounts] of Object.entries(monthly)) {
    const u = await admin.post('/api/v1/units', { name, kind: 'street' });
    assert.equal(u.status, 201, u.text);
    streets[name] = u.body.id;
    const p = await staff.post('/api/v1/projects', {
      name: `${name.slice(0, 3)}老旧小区改造`, level: 'district', lead_unit_id: u.body.id, stage: 'construction',
      planned_start: '2025-01', actual_start: '2025-01-06', total_investment: 5000 * WAN,
    });
    assert.equal(p.status, 201, p.text);
    const plan = await staff.put(`/api/v1/projects/${p.body.id}/plans/2025`, { amount: 1000 * WAN });
    assert.equal(plan.status, 200, plan.text);
    for (let m = 0; m < amounts.length; m += 1) {
      if (amounts[m] === 0) continue;
      const base = `/api/v1/projects/${p.body.id}/reports/2025-0${m + 1}`;
      const saved = await staff.put(base, { amount: amounts[m] * WAN, progress_text: '按计划推进' });
      assert.equal(saved.status, 200, saved.text);
      const submitted = await staff.post(`${base}/submit`, { version: saved.body.report.version });
      assert.equal(submitted.status, 200, submitted.text);
      const accepted = await staff.post(`${base}/accept`, { version: submitted.body.report.version });
      assert.equal(accepted.status, 200, accepted.text);
    }
  }
});
after(async () => { await server?.stop(); });

const ranking = async (client, period) => {
  const res = await client.get(`/api/v1/rankings?period=${period}`);
  assert.equal(res.status, 200, res.text);
  return Object.fromEntries(res.body.items.map((i) => [i.unit_name, i]));
};

test('monthly ranks with ties and movement; consecutive last places walk the ladder, a break starts it again', async () => {
  const jan = await ranking(staff, '2025-01');
  assert.deepEqual(Object.keys(jan), ['东风路街道办事处', '西湖路街道办事处', '北环路街道办事处']);
  assert.deepEqual([jan.东风路街道办事处.completion, jan.东风路街道办事处.target], ['10.00%', 1000 * WAN]);
  assert.equal(jan.北环路街道办事处.escalation, '通报批评');
  const feb = await ranking(staff, '2025-02');
  assert.deepEqual([feb.北环路街道办事处.last_place_run, feb.北环路街道办事处.escalation], [2, '分管领导约谈']);
  // March: 东风路 and 北环路 tie at 30%; 西湖路 (16%) is last and 北环路's run is broken.
  const march = await ranking(staff, '2025-03');
  assert.deepEqual([march.东风路街道办事处.rank, march.北环路街道办事处.rank, march.西湖路街道办事处.rank], [1, 1, 3]);
  assert.equal(march.北环路街道办事处.movement, 2);
  assert.equal(march.北环路街道办事处.escalation, null);
  assert.equal(march.西湖路街道办事处.escalation, '通报批评');
  // April: 西湖路 first (46%) from third; 北环路 last again: the ladder starts over.
  const april = await ranking(staff, '2025-04');
  assert.deepEqual([april.西湖路街道办事处.rank, april.西湖路街道办事处.movement, april.西湖路街道办事处.value_text], [1, 2, '46.00%']);
  assert.deepEqual([april.北环路街道办事处.last_place_run, april.北环路街道办事处.escalation], [1, '通报批评']);
  assert.equal((await unit.get('/api/v1/rankings?period=2025-04')).status, 200, 'every reader sees the ranking');
});

test('locking a month records its escalations, and they stay as recorded', async () => {
  assert.equal((await staff.post('/api/v1/periods/2025-02/lock', { reason: '2月排名已通报' })).status, 200);
  const list = await staff.get('/api/v1/escalations?year=2025');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((e) => [e.period, e.unit_name, e.run_length, e.action, e.rank]),
    [['2025-02', '北环路街道办事处', 2, '分管领导约谈', 3]]);
  assert.equal((await staff.post('/api/v1/periods/2025-02/unlock', { reason: '复核' })).status, 200);
  assert.equal((await staff.post('/api/v1/periods/2025-02/lock', {})).status, 200);
  assert.equal((await staff.get('/api/v1/escalations?year=2025')).body.total, 1);
});

test('quarter scores: 30% of each month and 10% of the inspection score, with the awards', async () => {
  assert.equal((await unit.put('/api/v1/rankings/inspection', { year: 2025, quarter: 1, items: [] })).status, 403);
  const bad = await staff.put('/api/v1/rankings/inspection', {
    year: 2025, quarter: 1, items: [{ unit_id: streets.东风路街道办事处, score: 120 }, { unit_id: 999999, score: 80 }],
  });
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields['items.0.score']);
  assert.ok(bad.body.error.details.fields['items.1.unit_id']);
  const set = await staff.put('/api/v1/rankings/inspection', {
    year: 2025, quarter: 1, items: [{ unit_id: streets.东风路街道办事处, score: 90 }, { unit_id: streets.西湖路街道办事处, score: 80 }],
  });
  assert.equal(set.status, 204, set.text);
  const q = await staff.get('/api/v1/rankings/quarters?year=2025&quarter=1');
  assert.equal(q.status, 200, q.text);
  assert.deepEqual(q.body.items.map((i) => [i.unit_name, i.monthly, i.inspection, i.total, i.award]), [
    ['东风路街道办事处', [10000, 10000, 10000], 9000, 9900, '豹子奖'],
    ['西湖路街道办事处', [8000, 8000, 5333], 8000, 7199, null],
    ['北环路街道办事处', [5000, 5000, 10000], null, 6000, '蜗牛奖'],
  ]);
  assert.equal((await staff.get('/api/v1/rankings/quarters?year=2025&quarter=5')).status, 400);
});

test('settings: the admin renames the ladder and awards; bad settings are refused by field', async () => {
  const current = (await staff.get('/api/v1/ranking-settings')).body;
  assert.deepEqual([current.metric, current.ladder, current.top_award, current.version],
    ['completion', ['通报批评', '分管领导约谈', '主要领导约谈'], '豹子奖', 0]);
  assert.equal((await staff.put('/api/v1/ranking-settings', current)).status, 403);
  const bad = await admin.put('/api/v1/ranking-settings', { ...current, metric: 'composite', weight_completion: 60, weight_growth: 30 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.fields.weight_growth, '两项权重之和应为 100');
  const saved = await admin.put('/api/v1/ranking-settings', {
    ...current, ladder: ['书面检查', '约谈分管领导'], top_award: '红旗单位', bottom_award: '黄旗单位',
  });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.version, 1);
  assert.equal((await admin.put('/api/v1/ranking-settings', current)).status, 409, 'saved over a newer version');
  const feb = await ranking(staff, '2025-02');
  assert.equal(feb.北环路街道办事处.escalation, '约谈分管领导');
  const q = await staff.get('/api/v1/rankings/quarters?year=2025&quarter=1');
  assert.deepEqual(q.body.items.map((i) => i.award), ['红旗单位', null, '黄旗单位']);
});
