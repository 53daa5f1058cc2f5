// Red/yellow/green (红黄绿) through the API: a small scenario in 2025 (every deadline passed,
// projects entered in 2026 so no month of 2025 counts as unreported) whose colours and reasons
// are worked out by hand below; an admin's rule change moves the colours at the next read; a
// locked month keeps the colours it had when locked after a correction of an earlier month.
// Amounts are fen (1 万元 = 1,000,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../lib/server.mjs';

const WAN = 1_000_000;
const TAG = '红黄绿测试';
let server, staff, admin, unit, otherUnit, me;
const ids = {};

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  unit = await signedIn(server.url, 'chengdong');
  otherUnit = await signedIn(server.url, 'nanguan');
  me = (await unit.get('/api/v1/session')).body.user;

  const create = async (key, body) => {
    const res = await staff.post('/api/v1/projects', {
      level: 'district', lead_unit_id: me.unit_id, ...body, name: `${TAG}${body.name}`,
    });
    assert.equal(res.status, 201, res.text);
    ids[key] = res.body.id;
  };
  const running = { stage: 'construction', planned_start: '2025-01', actual_start: '2025-01-10', registered: true,
    registered_date: '2025-02-01', total_investment: 20000 * WAN };
  await create('ahead', { name: '城东路雨污分流改造', ...running });
  await create('edge', { name: '城东路农贸市场提升', ...running });
  await create('behind', { name: '城东路小学扩建', ...running });
  await create('late', { name: '城东路停车楼', stage: 'preparation', planned_start: '2025-04', total_investment: 6000 * WAN });
  await create('unlisted', { name: '城东路口袋公园', stage: 'construction', planned_start: '2025-05',
    actual_start: '2025-05-18', total_investment: 800 * WAN });

  for (const [key, amount] of [['ahead', 1000], ['edge', 1200], ['behind', 1000]]) {
    const res = await staff.put(`/api/v1/projects/${ids[key]}/plans/2025`, { amount: amount * WAN });
    assert.equal(res.status, 200, res.text);
  }
  // Year to date at the end of June: 450 of 1,000 (45%), 480 of 1,200 (40%), 150 of 1,000 (15%).
  await report('ahead', '2025-03', 200);
  await report('ahead', '2025-05', 250);
  await report('edge', '2025-05', 480);
  await report('behind', '2025-05', 150);
});
after(async () => { await server?.stop(); });

async function report(key, period, wan) {
  const base = `/api/v1/projects/${ids[key]}/reports/${period}`;
  const current = await unit.get(base);
  const version = current.status === 200 ? current.body.report?.version : undefined;
  const saved = await unit.put(base, { amount: wan * WAN, progress_text: '按计划推进', ...(version ? { version } : {}) });
  assert.equal(saved.status, 200, saved.text);
  const submitted = await unit.post(`${base}/submit`, { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  const accepted = await staff.post(`${base}/accept`, { version: submitted.body.report.version });
  assert.equal(accepted.status, 200, accepted.text);
}

async function statuses(client, period) {
  const res = await client.get(`/api/v1/statuses?period=${period}&q=${encodeURIComponent(TAG)}&page_size=100`);
  assert.equal(res.status, 200, res.text);
  return res;
}
const byId = (res) => Object.fromEntries(res.body.items.map((i) => [i.project.id, i]));

test('each project gets the worst colour of its rules with the reasons in words and numbers', async () => {
  const res = await statuses(staff, '2025-06');
  assert.equal(res.body.schedule, '50.0%');
  assert.equal(res.body.frozen, false);
  assert.deepEqual(res.body.summary, { green: 1, yellow: 2, red: 2 });
  const s = byId(res);
  // 45% against 50%: 5 points behind, above −10: green, no reasons.
  assert.equal(s[ids.ahead].colour, 'green');
  assert.deepEqual(s[ids.ahead].reasons, []);
  assert.equal(s[ids.ahead].year_to_date, 450 * WAN);
  assert.equal(s[ids.ahead].annual_rate, '45.0%');
  // Exactly −10 points is yellow.
  assert.equal(s[ids.edge].colour, 'yellow');
  assert.deepEqual(s[ids.edge].reasons.map((r) => [r.metric, r.colour, r.reason]),
    [['investment', 'yellow', '年度完成率40.0%,低于序时进度50.0% 10.0个百分点']]);
  assert.equal(s[ids.behind].colour, 'red');
  assert.equal(s[ids.behind].reasons[0].reason, '年度完成率15.0%,低于序时进度50.0% 35.0个百分点');
  assert.equal(s[ids.behind].reasons[0].rule_name, '投资进度滞后');
  // Planned for April, not started by June: April, May, June = 3 months late, red.
  assert.equal(s[ids.late].colour, 'red');
  assert.deepEqual(s[ids.late].reasons.map((r) => [r.metric, r.reason]),
    [['start', '计划2025年4月开工,至2025年6月未开工,滞后3个月']]);
  // Started in May with 800 万元 (≥ 500 万), not 入库: one month in June, yellow.
  assert.equal(s[ids.unlisted].colour, 'yellow');
  assert.equal(s[ids.unlisted].reasons[0].reason, '2025年5月开工,1个月未入库(总投资500万元及以上应入库)');
  // Worst first.
  assert.deepEqual(res.body.items.map((i) => i.colour), ['red', 'red', 'yellow', 'yellow', 'green']);

  // One month earlier (41.7%): 450/1000 is ahead, 150/1000 is 26.7 points behind (yellow).
  const may = byId(await statuses(staff, '2025-05'));
  assert.equal(may[ids.behind].colour, 'yellow');
  assert.equal(may[ids.behind].reasons[0].reason, '年度完成率15.0%,低于序时进度41.7% 26.7个百分点');
  assert.equal(may[ids.late].reasons[0].reason, '计划2025年4月开工,至2025年5月未开工,滞后2个月');

  const colourOnly = await staff.get(`/api/v1/statuses?period=2025-06&q=${encodeURIComponent(TAG)}&colour=red`);
  assert.deepEqual(colourOnly.body.items.map((i) => i.project.id).sort(), [ids.behind, ids.late].sort());
  assert.equal((await staff.get('/api/v1/statuses?period=2025-13')).status, 400);
  assert.equal((await staff.get('/api/v1/statuses?period=2025-06&colour=blue')).status, 400);
});

test('a unit sees only its own projects', async () => {
  assert.equal((await statuses(unit, '2025-06')).body.total, 5);
  assert.equal((await statuses(otherUnit, '2025-06')).body.total, 0);
});

test('an admin changes a threshold and the colours follow at the next read; bad rules are refused by field', async () => {
  const rules = (await staff.get('/api/v1/status-rules')).body.items;
  const investment = rules.find((r) => r.metric === 'investment');
  assert.deepEqual([investment.comparator, investment.yellow, investment.red], ['points', -10, -30]);
  assert.equal((await staff.put(`/api/v1/status-rules/${investment.id}`, { ...investment, yellow: -5 })).status, 403);

  const bad = await admin.put(`/api/v1/status-rules/${investment.id}`, { ...investment, yellow: -5, red: -2 });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.details.fields.red, /红色阈值/);
  const wrongComparator = await admin.put(`/api/v1/status-rules/${investment.id}`, { ...investment, comparator: 'count' });
  assert.equal(wrongComparator.status, 400);
  assert.ok(wrongComparator.body.error.details.fields.comparator);

  const changed = await admin.put(`/api/v1/status-rules/${investment.id}`, { ...investment, yellow: -5 });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.yellow, -5);
  try {
    const stale = await admin.put(`/api/v1/status-rules/${investment.id}`, { ...investment, yellow: -6 });
    assert.equal(stale.status, 409, 'saved over a version someone else changed');
    // 45% is now exactly 5 points behind: yellow.
    const s = byId(await statuses(staff, '2025-06'));
    assert.equal(s[ids.ahead].colour, 'yellow');
    assert.equal(s[ids.ahead].reasons[0].reason, '年度完成率45.0%,低于序时进度50.0% 5.0个百分点');
  } finally {
    const back = await admin.put(`/api/v1/status-rules/${investment.id}`, { ...changed.body, yellow: -10 });
    assert.equal(back.status, 200, back.text);
  }
  assert.equal(byId(await statuses(staff, '2025-06'))[ids.ahead].colour, 'green');
});

test('a locked month keeps its colours after a correction; the correction shows in the next month', async () => {
  const lock = await staff.post('/api/v1/periods/2025-06/lock', { reason: '6月数据已报市发改委' });
  assert.equal(lock.status, 200, lock.text);
  const frozen = await statuses(staff, '2025-06');
  assert.equal(frozen.body.frozen, true);
  assert.equal(byId(frozen)[ids.behind].colour, 'red');

  // May was not locked: 小学扩建 corrects its May figure from 150 to 600 万元 (60% of the plan).
  await report('behind', '2025-05', 600);
  const after = byId(await statuses(staff, '2025-06'));
  assert.equal(after[ids.behind].colour, 'red', 'the locked month reads as it did');
  assert.equal(after[ids.behind].year_to_date, 150 * WAN);
  assert.equal(after[ids.behind].reasons[0].reason, '年度完成率15.0%,低于序时进度50.0% 35.0个百分点');
  // July (58.3%): 600 of 1,000 is ahead.
  const july = byId(await statuses(staff, '2025-07'));
  assert.equal(july[ids.behind].year_to_date, 600 * WAN);
  assert.equal(july[ids.behind].colour, 'green');

  // Unlocked and locked again, June still reads as first published.
  assert.equal((await staff.post('/api/v1/periods/2025-06/unlock', { reason: '核对数据' })).status, 200);
  assert.equal((await staff.post('/api/v1/periods/2025-06/lock', {})).status, 200);
  assert.equal(byId(await statuses(staff, '2025-06'))[ids.behind].year_to_date, 150 * WAN);
});

// The month being reported now (the last month that has ended, in China time) and the month
// three months before it.
function reportingMonth(offset = 0) {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('warning centre: a new red reaches the unit, staff acknowledge it, it closes when the project starts', async () => {
  const current = reportingMonth();
  const planned = reportingMonth(3);
  // The demo district's reds are known already.
  assert.equal((await unit.get('/api/v1/notifications')).status, 200);
  const res = await staff.post('/api/v1/projects', {
    name: `${TAG}城东路社区养老服务中心`, level: 'district', lead_unit_id: me.unit_id, stage: 'preparation',
    stage_date: `${planned}-01`, planned_start: planned, total_investment: 3000 * WAN,
  });
  assert.equal(res.status, 201, res.text);
  const id = res.body.id;

  // The unit's bell brings the warnings up to date: four months late to start, red.
  const bell = await unit.get('/api/v1/notifications');
  assert.equal(bell.status, 200, bell.text);
  const notice = bell.body.items[0];
  assert.equal(notice.kind, 'warning_red');
  assert.equal(notice.title, `项目亮红灯:${TAG}城东路社区养老服务中心`);
  assert.equal(notice.link, '/warnings');
  assert.equal(notice.read, false);
  assert.match(notice.body, /滞后4个月/);
  const other = await otherUnit.get('/api/v1/notifications');
  assert.ok(!other.body.items.some((n) => (n.body || '').includes('城东路社区养老服务中心')), 'only its own unit hears of it');

  const list = await unit.get(`/api/v1/warnings?q=${encodeURIComponent('养老服务中心')}`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.total, 1);
  const w = list.body.items[0];
  assert.equal(w.project.id, id);
  assert.deepEqual([w.metric, w.metric_label, w.colour, w.since_period], ['start', '开工', 'red', current]);
  assert.match(w.reason, /^计划\d{4}年\d{1,2}月开工,至\d{4}年\d{1,2}月未开工,滞后4个月$/);
  assert.ok(list.body.summary.red >= 1);
  assert.equal((await otherUnit.get(`/api/v1/warnings?q=${encodeURIComponent('养老服务中心')}`)).body.total, 0);

  // Only staff acknowledge, with a note.
  assert.equal((await unit.post(`/api/v1/warnings/${w.id}/acknowledge`, { note: '已知悉' })).status, 403);
  const noNote = await staff.post(`/api/v1/warnings/${w.id}/acknowledge`, {});
  assert.equal(noNote.status, 400);
  assert.ok(noNote.body.error.details.fields.note);
  const ack = await staff.post(`/api/v1/warnings/${w.id}/acknowledge`, { note: '已约谈街道,月底前取得施工许可' });
  assert.equal(ack.status, 200, ack.text);
  assert.equal(ack.body.ack_note, '已约谈街道,月底前取得施工许可');
  assert.equal(ack.body.acknowledged_by_name !== null, true);
  const unacked = await staff.get(`/api/v1/warnings?state=unacknowledged&q=${encodeURIComponent('养老服务中心')}`);
  assert.equal(unacked.body.total, 0);
  // A second look without changes notifies no one again.
  const before = (await unit.get('/api/v1/notifications')).body.items.filter((n) => n.kind === 'warning_red').length;

  const started = await staff.post(`/api/v1/projects/${id}/events`, { to_stage: 'construction', date: `${current}-20`, reason: '取得施工许可' });
  assert.equal(started.status, 200, started.text);
  assert.equal((await staff.get(`/api/v1/warnings?q=${encodeURIComponent('养老服务中心')}`)).body.total, 0);
  const closed = await staff.get(`/api/v1/warnings?state=closed&q=${encodeURIComponent('养老服务中心')}`);
  assert.equal(closed.body.total, 1);
  assert.ok(closed.body.items[0].closed_at);
  const afterStart = (await unit.get('/api/v1/notifications')).body.items.filter((n) => n.kind === 'warning_red').length;
  assert.equal(afterStart, before);
  assert.equal((await staff.get('/api/v1/warnings?state=maybe')).status, 400);
});
