// 统计分析, 预警中心, 红黄绿 and 预警规则 in headless Chromium against the real binary on the
// demo data: the dashboard's cards show the figures GET /api/v1/dashboard gives for the same
// month (formatted as the page formats them), every chart draws on a canvas, and a figure
// opens the list of exactly the projects the API names for it; staff acknowledge a warning
// with a note, a unit reporter sees only its own warnings and no acknowledge button; the
// status list shows the colours the API gives; an admin's rule edit shows the server's field
// message under the field. Screenshots go to $TUIJIN_ARTIFACTS/e2e-dashboard-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'dashboard' });

// 分 in 万元 (1 万元 = 10^6 分) or 亿元 (10^10 分) with two decimals, rounded half away from zero
// on integers, thousands grouped: how the cards show money (亿元 from 1 亿元 up).
function scaled(fen, perUnit) {
  const step = BigInt(perUnit / 100);
  const abs = BigInt(Math.abs(fen));
  let hundredths = abs / step;
  if ((abs % step) * 2n >= step) hundredths += 1n;
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${whole}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return fen < 0 && hundredths > 0n ? `-${text}` : text;
}
const YI = 10_000_000_000;
const WAN = 1_000_000;
const cardMoney = (fen) => (Math.abs(fen) >= YI ? `${scaled(fen, YI)}亿元` : `${scaled(fen, WAN)}万元`);
const text = async (locator) => (await locator.textContent()).replace(/\s+/g, '');

const CHARTS = ['monthly', 'colours', 'level', 'category', 'stage', 'unit'];

// The ids the drill-down table lists (its first page).
const drillIds = (page) =>
  page.locator('[data-test=drill-table] [data-test=drill-project]').evaluateAll((links) => links.map((a) => Number(a.dataset.projectId)));

async function openAs(page, username, path, ready) {
  await page.goto(`${server.url}${path}`);
  await login(page, username);
  await page.waitForSelector(ready);
}

test('the dashboard shows the API figures for the month, draws every chart, and a figure lists exactly its projects', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const { body: current } = await staff.get('/api/v1/dashboard');
  const period = current.period;
  const res = await staff.get(`/api/v1/dashboard?period=${period}`);
  assert.equal(res.status, 200, res.text);
  const d = res.body;
  assert.ok(d.totals.projects > 0 && d.colours.red > 0, 'the demo data has projects and red lights');

  const page = await newPage();
  await openAs(page, 'fgw', `/dashboard?period=${period}`, '[data-test=dashboard-cards]');
  assert.equal(await page.textContent('[data-test=page-title]'), '统计分析');
  for (const chart of CHARTS) {
    await page.locator(`[data-test=chart-${chart}] canvas`).first().waitFor();
  }

  const card = (key) => page.locator(`[data-test=card-${key}]`);
  const value = (key) => page.locator(`[data-test=card-value-${key}]`);
  assert.equal(await text(value('projects')), String(d.totals.projects));
  assert.equal(await text(card('total').locator('.value')), cardMoney(d.totals.total_investment));
  assert.equal(await text(card('plan').locator('.value')), cardMoney(d.totals.annual_plan));
  assert.equal(await text(card('ytd').locator('.value')), cardMoney(d.totals.year_to_date));
  assert.equal(await text(value('rate')), d.rates.investment);
  assert.match(await text(card('rate')), new RegExp(`序时进度${d.schedule.replace('.', '\\.')}`));
  for (const key of ['start', 'completion', 'stats']) {
    assert.equal(await text(value(key)), d.rates[key].rate ?? '—', key);
    assert.match(await text(page.locator(`[data-test=card-${key}-done]`)), new RegExp(`${d.rates[key].counted}$`), key);
    assert.match(await text(page.locator(`[data-test=card-${key}-due]`)), new RegExp(`${d.rates[key].of}$`), key);
  }
  assert.equal(await text(page.locator('[data-test=card-stats-gap]')), `应统尽统${d.rates.stats_gap}个`);
  assert.equal(await text(value('reserve')), d.rates.reserve_ratio ?? '—');
  assert.equal(await text(page.locator('[data-test=card-reserve-total]')), `储备${cardMoney(d.rates.reserve_total)}`);
  for (const colour of ['red', 'yellow', 'green']) {
    assert.match(await text(page.locator(`[data-test=colour-count-${colour}]`)), new RegExp(`${d.colours[colour]}$`), colour);
  }
  assert.equal(await page.locator('[data-test=lagging-table] .el-table__row').count(), d.lagging.length);
  await shot(page, 'staff');

  // The red count opens the red projects: exactly those the API names, with their totals.
  const behind = async (figure) => {
    const r = await staff.get(`/api/v1/dashboard/projects?period=${period}&figure=${figure}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const red = await behind('colour.red');
  assert.equal(red.total, d.colours.red);
  await page.click('[data-test=colour-count-red]');
  await page.waitForURL(/\/dashboard\/projects\?figure=colour\.red/);
  await page.locator('[data-test=drill-title]', { hasText: '红灯项目' }).waitFor();
  await page.locator('[data-test=drill-table] [data-test=drill-project]').first().waitFor();
  assert.deepEqual(await drillIds(page), red.items.slice(0, 50).map((p) => p.id));
  assert.equal(await text(page.locator('[data-test=drill-totals]')),
    `共${red.total}个项目，总投资${cardMoney(red.total_investment)}，年度计划${cardMoney(red.annual_plan)}，年初至今完成${cardMoney(red.year_to_date)}`);
  await shot(page, 'drill-red');

  // Back on the dashboard, 应统尽统 opens the started projects not in the statistics yet.
  await page.click('[data-test=drill-back]');
  await page.waitForSelector('[data-test=card-stats-gap]');
  const gap = await behind('stats.gap');
  assert.equal(gap.total, d.rates.stats_gap);
  await page.click('[data-test=card-stats-gap]');
  await page.waitForURL(/figure=stats\.gap/);
  await page.locator('[data-test=drill-title]', { hasText: '应统尽统' }).waitFor();
  if (gap.total > 0) await page.locator('[data-test=drill-table] [data-test=drill-project]').first().waitFor();
  else await page.locator('[data-test=drill-table] .el-table__empty-text').waitFor();
  assert.deepEqual(await drillIds(page), gap.items.slice(0, 50).map((p) => p.id));
  assert.ok(gap.items.every((p) => p.registered === false));

  // The pie itself: red starts at 12 o'clock and runs clockwise, so with more than a third of
  // the projects red, the ring at 3 o'clock is red.
  await page.click('[data-test=drill-back]');
  const pie = page.locator('[data-test=chart-colours]');
  await pie.locator('canvas').first().waitFor();
  assert.ok(d.colours.red / d.totals.projects > 1 / 3, 'red is more than a third');
  const box = await pie.boundingBox();
  const ring = (Math.min(box.width, box.height) / 2) * 0.56;
  // The ring grows in as the chart first draws: click again until it has.
  for (let i = 0; i < 10 && !/figure=colour\.red/.test(page.url()); i++) {
    await page.mouse.click(box.x + box.width / 2 + ring, box.y + box.height / 2);
    await page.waitForURL(/figure=colour\.red/, { timeout: 500 }).catch(() => {});
  }
  await page.waitForURL(/figure=colour\.red/);
  await page.locator('[data-test=drill-title]', { hasText: '红灯项目' }).waitFor();
  await page.locator('[data-test=drill-table] [data-test=drill-project]').first().waitFor();
  assert.deepEqual(await drillIds(page), red.items.slice(0, 50).map((p) => p.id));
  await page.goBack();
  await page.waitForSelector('[data-test=card-stats-gap]');
  await page.click('[data-test=card-stats-gap]');
  await page.waitForURL(/figure=stats\.gap/);
  await page.locator('[data-test=drill-table]').waitFor();

  // A project's name opens its detail page.
  if (gap.total > 0) {
    await page.locator('[data-test=drill-project]').first().click();
    await page.waitForURL(`**/projects/${gap.items[0].id}`);
  }
});

test('a level filter narrows the dashboard and a unit reporter sees only its own projects', async () => {
  const unit = await signedIn(server.url, 'chengdong');
  const staff = await signedIn(server.url, 'fgw');
  const own = (await unit.get('/api/v1/dashboard')).body;
  const all = (await staff.get(`/api/v1/dashboard?period=${own.period}`)).body;
  assert.ok(own.totals.projects < all.totals.projects, 'a unit has fewer projects than the district');

  const page = await newPage();
  await openAs(page, 'chengdong', '/dashboard', '[data-test=dashboard-cards]');
  assert.equal(await text(page.locator('[data-test=card-value-projects]')), String(own.totals.projects));
  assert.equal(await text(page.locator('[data-test=card-ytd] .value')), cardMoney(own.totals.year_to_date));
  assert.equal(await page.locator('[data-test=filter-unit]').count(), 0, 'no unit filter for a unit reporter');
  await shot(page, 'unit');

  const province = (await staff.get(`/api/v1/dashboard?period=${own.period}&level=province`)).body;
  const staffPage = await newPage();
  await openAs(staffPage, 'fgw', `/dashboard?period=${own.period}&level=province`, '[data-test=dashboard-cards]');
  assert.equal(await text(staffPage.locator('[data-test=card-value-projects]')), String(province.totals.projects));
  assert.equal(await text(staffPage.locator('[data-test=card-plan] .value')), cardMoney(province.totals.annual_plan));
});

test('staff acknowledge a warning with a note; a unit reporter sees only its own warnings and no button', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const open = (await staff.get('/api/v1/warnings?state=unacknowledged&colour=red&page_size=1')).body;
  assert.ok(open.total > 0, 'the demo data has unacknowledged red warnings');
  const warning = open.items[0];

  const page = await newPage();
  // The bell's link lands here.
  await openAs(page, 'fgw', '/warnings', '[data-test=warnings-page]');
  assert.equal(await page.textContent('[data-test=page-title]'), '预警中心');
  await page.locator('[data-test=warnings-table] .el-table__row').first().waitFor();
  const summary = open.summary;
  assert.equal(await text(page.locator('[data-test=warning-count-red] [data-test=counter-value]')), String(summary.red));
  assert.equal(await text(page.locator('[data-test=warning-count-yellow] [data-test=counter-value]')), String(summary.yellow));
  assert.equal(await text(page.locator('[data-test=warning-count-unacknowledged] [data-test=counter-value]')), String(summary.unacknowledged));
  await shot(page, 'warnings-staff');

  // Find it by its project's name, then acknowledge: an empty note is refused on the form.
  await page.fill('[data-test=warning-search]', warning.project.name);
  await page.click('[data-test=warning-search-submit]');
  const row = page.locator('[data-test=warnings-table] .el-table__row', { has: page.locator(`[data-warning-id="${warning.id}"]`) });
  await row.waitFor();
  assert.equal(await text(row.locator('[data-test=warning-state]')), '待确认');
  await row.locator('[data-test=warning-ack]').click();
  const dialog = page.locator('[data-test=ack-dialog]');
  await dialog.waitFor();
  await dialog.locator('[data-test=ack-save]').click();
  await dialog.locator('.el-form-item__error', { hasText: '请填写处理说明' }).waitFor();
  const note = '已约谈建设单位，要求月底前补足进度';
  await dialog.locator('[data-test=ack-note]').fill(note);
  await dialog.locator('[data-test=ack-save]').click();
  await page.locator('.el-message--success', { hasText: '已确认' }).waitFor();
  await row.locator('[data-test=warning-state]', { hasText: '已确认' }).waitFor();
  assert.equal(await text(row.locator('[data-test=warning-note]')), note);
  await shot(page, 'warnings-acknowledged');
  const after = (await staff.get(`/api/v1/warnings?state=acknowledged&q=${encodeURIComponent(warning.project.name)}&page_size=100`)).body;
  const saved = after.items.find((w) => w.id === warning.id);
  assert.ok(saved, 'the warning is acknowledged on the server');
  assert.equal(saved.ack_note, note);

  // A unit reporter: its own warnings only, and no acknowledge button.
  const unit = await signedIn(server.url, 'chengdong');
  const mine = (await unit.get('/api/v1/warnings?page_size=20')).body;
  assert.ok(mine.total > 0 && mine.total < (await staff.get('/api/v1/warnings')).body.total);
  const unitPage = await newPage();
  await openAs(unitPage, 'chengdong', '/warnings', '[data-test=warnings-table] .el-table__row');
  const shown = await unitPage.locator('[data-test=warning-project]').evaluateAll((links) => links.map((a) => Number(a.dataset.warningId)));
  assert.deepEqual(shown, mine.items.map((w) => w.id));
  assert.equal(await unitPage.locator('[data-test=warning-ack]').count(), 0);
  assert.equal(await text(unitPage.locator('[data-test=warnings-totals]')), `共${mine.total}条预警`);
  await shot(unitPage, 'warnings-unit');
});

test('the status list shows each project\'s light and reasons as the API gives them', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const res = (await staff.get('/api/v1/statuses?colour=red&page_size=20')).body;
  assert.ok(res.total > 0);
  const page = await newPage();
  await openAs(page, 'fgw', '/statuses?colour=red', '[data-test=statuses-table] .el-table__row');
  assert.equal(await text(page.locator('[data-test=status-summary-red] [data-test=status-summary-count]')), String(res.summary.red));
  const rows = page.locator('[data-test=statuses-table] .el-table__body tr.el-table__row');
  assert.equal(await rows.count(), res.items.length);
  const first = res.items[0];
  assert.equal(await text(rows.first().locator('[data-test=status-project]')), first.project.name.replace(/\s+/g, ''));
  assert.equal(await rows.first().locator('[data-test=colour-dot]').first().getAttribute('data-colour'), 'red');
  assert.equal(await rows.first().locator('[data-test=status-reason]').count(), first.reasons.length);
  assert.equal(await text(page.locator('[data-test=statuses-totals]')), `共${res.total}个项目`);
  await shot(page, 'statuses');
});

test('an admin edits a rule: the server\'s field message shows under the field, a good value is saved', async () => {
  const admin = await signedIn(server.url, 'admin');
  const rules = (await admin.get('/api/v1/status-rules')).body.items;
  const investment = rules.find((r) => r.metric === 'investment' && r.comparator === 'points');
  assert.ok(investment, 'the default investment rule');

  const page = await newPage();
  await openAs(page, 'admin', '/admin/status-rules', '[data-test=rules-table] .el-table__row');
  const row = page.locator('[data-test=rules-table] .el-table__row', { hasText: investment.name });
  await row.locator('[data-test=rule-edit]').click();
  const dialog = page.locator('[data-test=rule-dialog]');
  await dialog.waitFor();
  // Points behind schedule are negative: +5 is refused by the server, under 黄灯阈值.
  await dialog.locator('[data-test=rule-yellow] input').fill('5');
  await dialog.locator('[data-test=rule-save]').click();
  await dialog.locator('.el-form-item__error', { hasText: '应在 -100 到 0 个百分点之间' }).waitFor();
  await shot(page, 'rule-error');
  await dialog.locator('[data-test=rule-yellow] input').fill('-12');
  await dialog.locator('[data-test=rule-min-plan]').fill('100');
  await dialog.locator('[data-test=rule-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();
  const saved = (await admin.get('/api/v1/status-rules')).body.items.find((r) => r.id === investment.id);
  assert.equal(saved.yellow, -12);
  assert.equal(saved.min_annual_plan, 100 * WAN);
  await row.locator('[data-test=rule-thresholds]', { hasText: '-12' }).waitFor();
});
