// Unit rankings (排名通报) in headless Chromium against the real binary, on the demo data (unit
// targets for the current year and monthly reports): the bureau's monthly ranking row for row
// as the API ranks it, for the month being reported and another picked in the month picker;
// an inspection score (督查评分) entered in 季度评分, saved and cleared, the page's quarter score
// against the API's; the escalations recorded when months are locked; the admin renaming a
// ladder step in 排名设置 and the month tab following it, and a stale save refused; a unit
// reporter and a leader read everything but edit nothing. Screenshots:
// $TUIJIN_ARTIFACTS/e2e-rankings-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'rankings' });

// "2026-10" → "2026-09"
function previousMonth(period) {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
// Hundredths of a point as the pages show them: 9950 → "99.50".
const points = (h) => `${h < 0 ? '-' : ''}${Math.floor(Math.abs(h) / 100)}.${String(Math.abs(h) % 100).padStart(2, '0')}`;
const quarterOf = (period) => ({ year: Number(period.slice(0, 4)), quarter: Math.floor((Number(period.slice(5)) - 1) / 3) + 1 });

const rows = (page, table) => page.locator(`[data-test=${table}] .el-table__body-wrapper tr.el-table__row`);
const texts = async (locator) => (await locator.allTextContents()).map((s) => s.trim());

// The month tab's rows as the page shows them, column by column.
async function monthRows(page) {
  const r = rows(page, 'ranking-table');
  return {
    rank: await texts(r.locator('[data-test=ranking-rank]')),
    unit: await texts(r.locator('[data-test=ranking-unit]')),
    completion: await texts(r.locator('[data-test=ranking-completion]')),
    movement: await texts(r.locator('[data-test=ranking-movement]')),
    score: await texts(r.locator('[data-test=ranking-score]')),
  };
}
// The same columns from the API's answer.
const expectedRows = (items) => ({
  rank: items.map((i) => String(i.rank)),
  unit: items.map((i) => i.unit_name),
  completion: items.map((i) => i.completion ?? '—'),
  movement: items.map((i) => (!i.movement ? '—' : i.movement > 0 ? `↑${i.movement}` : `↓${-i.movement}`)),
  score: items.map((i) => points(i.score)),
});

async function openAs(username, path) {
  const page = await newPage();
  await page.goto(`${server.url}${path}`);
  await login(page, username);
  await page.waitForSelector('[data-test=rankings-page]');
  return page;
}

// Waits until the month tab shows `period`'s ranking (first unit in place).
async function waitForMonth(page, ranking) {
  await page.locator('[data-test=ranking-title]', { hasText: `${Number(ranking.period.slice(0, 4))}年${Number(ranking.period.slice(5))}月` }).waitFor();
  await rows(page, 'ranking-table').first().locator('[data-test=ranking-unit]', { hasText: ranking.items[0].unit_name }).waitFor();
}

test('the bureau sees the month being reported ranked as the API ranks it, and picks another month', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const current = (await staff.get('/api/v1/periods')).body.current;
  const ranking = (await staff.get(`/api/v1/rankings?period=${current}`)).body;
  assert.ok(ranking.items.length >= 3, 'the demo ranks its units');
  assert.ok(ranking.items.some((i) => i.completion !== null), 'the demo units have targets');

  const page = await newPage();
  await page.goto(server.url);
  await login(page, 'fgw');
  await page.locator('[data-test=side-menu] [data-test=menu-rankings]').click();
  await page.waitForURL('**/rankings');
  assert.equal(await page.textContent('[data-test=page-title]'), '排名通报');
  await waitForMonth(page, ranking);
  assert.equal(await page.inputValue('[data-test=ranking-period] input'), current, 'opens on the month being reported');
  assert.deepEqual(await monthRows(page), expectedRows(ranking.items));
  assert.equal((await page.textContent('[data-test=ranking-metric]')).trim(), '目标完成率');
  assert.deepEqual(await texts(page.locator('[data-test=ranking-ladder-step] .step-action')), ranking.settings.ladder);
  // The last unit has its ladder step on its row, and how many times it has been last.
  const last = ranking.items[ranking.items.length - 1];
  assert.ok(last.escalation, 'the demo has a unit in last place');
  const lastRow = rows(page, 'ranking-table').nth(ranking.items.length - 1);
  assert.equal((await lastRow.locator('[data-test=ranking-escalation]').textContent()).trim(), last.escalation);
  assert.equal((await lastRow.locator('[data-test=ranking-last-run]').textContent()).trim(), `${last.last_place_run} 次`);
  assert.equal(await page.locator('[data-test=ranking-settings-open]').count(), 0, 'only the admin changes the settings');
  await shot(page, 'month');

  // Another month of the same year through the picker: the URL and the table follow.
  if (Number(current.slice(5)) <= 2) return;
  const earlier = previousMonth(previousMonth(current));
  const other = (await staff.get(`/api/v1/rankings?period=${earlier}`)).body;
  const input = page.locator('[data-test=ranking-period] input');
  await input.click();
  await input.fill(earlier);
  await input.press('Enter');
  await page.waitForURL(`**/rankings?period=${earlier}`);
  await waitForMonth(page, other);
  assert.deepEqual(await monthRows(page), expectedRows(other.items));
});

test('staff enter an inspection score in 季度评分; the quarter score follows the API; clearing removes it', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const current = (await staff.get('/api/v1/periods')).body.current;
  const { year, quarter } = quarterOf(current);
  const url = `/api/v1/rankings/quarters?year=${year}&quarter=${quarter}`;
  const before = (await staff.get(url)).body.items;
  const target = before.find((i) => i.inspection === null && i.rank > 1) ?? before[before.length - 1];
  assert.ok(target, 'the demo has units to score');

  const page = await openAs('fgw', `/rankings?tab=quarter&period=${current}`);
  const row = rows(page, 'quarter-table').filter({ has: page.locator('[data-test=quarter-unit]', { hasText: target.unit_name }) });
  await row.waitFor();
  assert.equal((await row.locator('[data-test=quarter-total]').textContent()).trim(), points(target.total));
  assert.deepEqual(await texts(row.locator('[data-test=quarter-monthly]')), target.monthly.map(points));

  const save = page.locator('[data-test=inspection-save]');
  assert.equal(await save.isDisabled(), true, 'nothing to save yet');
  const input = row.locator('[data-test=inspection-input] input');
  await input.fill('87.5');
  await input.press('Tab');
  assert.equal((await save.textContent()).trim(), '保存督查评分（1）');
  await shot(page, 'quarter-edited');
  await save.click();
  await page.locator('.el-message--success', { hasText: '已保存 1 个单位的督查评分' }).waitFor();

  const after = (await staff.get(url)).body.items.find((i) => i.unit_id === target.unit_id);
  assert.equal(after.inspection, 8750, 'the API returns the score entered');
  // 10% of 87.50 points is 8.75 points on the quarter score.
  assert.equal(after.total, target.total + 875);
  await row.locator('[data-test=quarter-total]', { hasText: points(after.total) }).waitFor();
  assert.equal((await row.locator('[data-test=quarter-total]').textContent()).trim(), points(after.total));
  assert.equal(await input.inputValue(), '87.50');
  assert.equal(await save.isDisabled(), true, 'saved: nothing left to save');
  await shot(page, 'quarter-saved');

  // Cleared and saved: the score is removed.
  await input.fill('');
  await input.press('Tab');
  await save.click();
  await page.locator('.el-message--success', { hasText: '已保存 1 个单位的督查评分' }).nth(0).waitFor();
  await row.locator('[data-test=quarter-total]', { hasText: points(target.total) }).waitFor();
  assert.equal((await staff.get(url)).body.items.find((i) => i.unit_id === target.unit_id).inspection, null);
});

test('locked months list their escalations in 约谈记录', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const current = (await staff.get('/api/v1/periods')).body.current;
  const month = previousMonth(current);
  const lock = await staff.post(`/api/v1/periods/${month}/lock`, { reason: '排名已通报' });
  assert.equal(lock.status, 200, lock.text);
  const year = Number(month.slice(0, 4));
  const list = (await staff.get(`/api/v1/escalations?year=${year}`)).body.items;
  assert.ok(list.length >= 1, 'locking the month recorded its last unit');

  const page = await openAs('fgw', `/rankings?tab=escalations&period=${month}`);
  const r = rows(page, 'escalations-table');
  await r.first().waitFor();
  assert.deepEqual(await texts(r.locator('[data-test=escalation-unit]')), list.map((e) => e.unit_name));
  assert.deepEqual(await texts(r.locator('[data-test=escalation-action]')), list.map((e) => e.action));
  assert.deepEqual(await texts(r.locator('[data-test=escalation-period]')),
    list.map((e) => `${Number(e.period.slice(0, 4))}年${Number(e.period.slice(5))}月`));
  await shot(page, 'escalations');
});

test('the admin renames a ladder step in 排名设置 and the month tab shows it; a stale save is refused', async () => {
  const admin = await signedIn(server.url, 'admin');
  const settings = (await admin.get('/api/v1/ranking-settings')).body;
  const page = await openAs('admin', '/rankings');
  await page.locator('[data-test=ranking-ladder-step]').first().waitFor();

  await page.click('[data-test=ranking-settings-open]');
  const dialog = page.locator('[data-test=ranking-settings-dialog]');
  await dialog.waitFor();
  const steps = dialog.locator('[data-test=ranking-ladder-input]');
  assert.deepEqual(await Promise.all((await steps.all()).map((s) => s.inputValue())), settings.ladder);
  // Composite weights must add up to 100 before anything is sent.
  await dialog.locator('[data-test=ranking-metric-composite]').click();
  const growth = dialog.locator('[data-test=ranking-weight-growth] input');
  await growth.fill('40');
  await growth.press('Tab');
  await dialog.locator('.el-form-item__error', { hasText: '两项权重之和应为 100（当前 110）' }).waitFor();
  await dialog.locator('[data-test=ranking-metric-completion]').click();
  // An empty step is refused under the step; then the last step is renamed.
  await steps.last().fill('');
  await page.click('[data-test=ranking-settings-save]');
  await dialog.locator('.el-form-item__error', { hasText: '请填写处理方式' }).waitFor();
  await steps.last().fill('区政府主要领导约谈');
  await shot(page, 'settings');
  await page.click('[data-test=ranking-settings-save]');
  await page.locator('.el-message--success', { hasText: '已保存排名设置' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  const ladder = [...settings.ladder.slice(0, -1), '区政府主要领导约谈'];
  await page.locator('[data-test=ranking-ladder-step] .step-action', { hasText: '区政府主要领导约谈' }).waitFor();
  assert.deepEqual(await texts(page.locator('[data-test=ranking-ladder-step] .step-action')), ladder);
  const saved = (await admin.get('/api/v1/ranking-settings')).body;
  assert.deepEqual([saved.ladder, saved.version, saved.metric], [ladder, settings.version + 1, 'completion']);
  // The unit last for three months and more is given the renamed step.
  const month = (await admin.get('/api/v1/rankings')).body;
  const last = month.items.find((i) => i.last_place_run >= ladder.length);
  if (last) {
    const lastRow = rows(page, 'ranking-table').filter({ has: page.locator('[data-test=ranking-unit]', { hasText: last.unit_name }) });
    assert.equal((await lastRow.locator('[data-test=ranking-escalation]').textContent()).trim(), '区政府主要领导约谈');
  }
  await shot(page, 'month-renamed');

  // Someone else saves in between: the dialog's version is stale, the server refuses it.
  await page.click('[data-test=ranking-settings-open]');
  await dialog.waitFor();
  const other = await admin.put('/api/v1/ranking-settings', { ...saved, top_award: '红旗单位' });
  assert.equal(other.status, 200, other.text);
  await dialog.locator('[data-test=ranking-bottom-award]').fill('黄旗单位');
  await page.click('[data-test=ranking-settings-save]');
  await page.locator('.el-message--error').waitFor();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await admin.get('/api/v1/ranking-settings')).body.bottom_award, '蜗牛奖', 'the stale save changed nothing');
  // Reopened, the dialog has the newer settings.
  await page.click('[data-test=ranking-settings-open]');
  assert.equal(await dialog.locator('[data-test=ranking-top-award]').inputValue(), '红旗单位');
});

test('a unit reporter and a leader read the rankings but edit nothing', async () => {
  for (const username of ['chengdong', 'quzhang']) {
    const page = await openAs(username, '/rankings?tab=quarter');
    await rows(page, 'quarter-table').first().waitFor();
    assert.equal(await page.locator('[data-test=inspection-input]').count(), 0, username);
    assert.equal(await page.locator('[data-test=inspection-save]').count(), 0, username);
    assert.ok(await page.locator('[data-test=quarter-inspection]').count() > 0, username);
    assert.equal(await page.locator('[data-test=ranking-settings-open]').count(), 0, username);
    if (username === 'chengdong') await shot(page, 'unit-quarter');
  }
});
