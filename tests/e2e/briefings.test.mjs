// Briefings (专报) and information release (信息发布) in headless Chromium against the real
// binary: the bureau makes last month's 专报 from the default template in the dialog, sees it
// as an official document (red masthead, 第N期, 文号, title, tables), publishes it; a street's
// reporter (城东路街道) finds it unread in 信息发布, opens it, and its read receipt shows on
// the bureau's page; another unit is not shown it. The 台账报表 page offers the month's
// ledgers. Screenshots go to $TUIJIN_ARTIFACTS/e2e-briefings-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'briefings', timeout: 20000 });
const DOC_NUMBER = '云发改〔2026〕52号';

test('staff publish a 专报; 城东路街道 reads it in 信息发布 and the receipt is recorded', async () => {
  const staffPage = await newPage();
  await staffPage.goto(`${server.url}/briefings`);
  await login(staffPage, 'fgw');
  await staffPage.locator('[data-test=briefings-page]').waitFor();
  await staffPage.click('[data-test=briefing-create]');
  await staffPage.locator('[data-test=briefing-create-dialog]').waitFor();
  await staffPage.locator('input[data-test=bf-doc-number], [data-test=bf-doc-number] input').first().fill(DOC_NUMBER);
  await staffPage.click('[data-test=briefing-create-save]');
  await staffPage.locator('[data-test=briefing-detail]').waitFor();
  const doc = staffPage.locator('[data-test=briefing-document]');
  await doc.waitFor();
  assert.equal((await doc.locator('[data-test=doc-series]').innerText()).trim(), '重点项目推进专报');
  assert.match(await doc.locator('[data-test=doc-issue]').innerText(), /^第\d+期$/);
  assert.equal((await doc.locator('[data-test=doc-number]').innerText()).trim(), DOC_NUMBER);
  const title = (await doc.locator('[data-test=doc-title]').innerText()).trim();
  assert.match(title, /^\d{4}年1(—\d+)?月全区重点项目推进情况$/);
  assert.ok(await doc.locator('[data-test=doc-table]').count() >= 2, 'the area and lagging tables');
  assert.match(await doc.locator('[data-test=doc-paragraph]').first().innerText(), /全区纳入调度的重点项目\d+个/);
  await shot(staffPage, 'draft');

  await staffPage.click('[data-test=briefing-publish]');
  await staffPage.locator('.el-message-box .el-button--primary').click();
  await staffPage.locator('[data-test=briefing-publish]').waitFor({ state: 'detached' });
  await staffPage.locator('[data-test=briefing-receipts]').waitFor();
  const id = Number(new URL(staffPage.url()).pathname.split('/').pop());
  assert.ok(id > 0);
  const staffApi = await signedIn(server.url, 'fgw');
  assert.equal((await staffApi.get(`/api/v1/briefings/${id}`)).body.state, 'published');

  // The street's reporter: unread in 信息发布, then read.
  const unitPage = await newPage();
  await unitPage.goto(`${server.url}/releases`);
  await login(unitPage, 'chengdong');
  const item = unitPage.locator(`[data-test=release-item][data-id="${id}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-unread'), '1', 'unread');
  assert.match(await item.innerText(), new RegExp(title));
  await shot(unitPage, 'releases');
  await item.locator('[data-test=release-title]').click();
  await unitPage.locator('[data-test=release-detail]').waitFor();
  await unitPage.locator('[data-test=release-read-at]').waitFor();
  assert.equal((await unitPage.locator('[data-test=doc-title]').innerText()).trim(), title);
  await shot(unitPage, 'release-detail');

  // The bureau sees 城东路's receipt.
  const staff = await signedIn(server.url, 'fgw');
  const units = (await staff.get('/api/v1/units')).body.items;
  const chengdong = units.find((u) => u.name === '城东路街道办事处');
  await staffPage.reload();
  const row = staffPage.locator(`[data-test=receipt-row][data-unit-id="${chengdong.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-read'), '1');
  const b = (await staff.get(`/api/v1/briefings/${id}`)).body;
  const receipt = b.recipients.find((r) => r.unit_id === chengdong.id);
  assert.ok(receipt.read_at);
  assert.equal(receipt.read_by_name, '赵敏');
  assert.equal(b.read_count, 1);
  await shot(staffPage, 'receipts');

  // 开发区 was sent it too (every unit by default), but 南关's receipt is still missing.
  const nanguan = units.find((u) => u.name === '南关街道办事处');
  assert.equal(b.recipients.find((r) => r.unit_id === nanguan.id).read_at, null);
});

test('台账报表 shows the month with its source and offers each ledger', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/ledgers`);
  await login(page, 'fgw');
  await page.locator('[data-test=ledger-summary]').waitFor();
  const source = page.locator('[data-test=ledger-source]');
  assert.equal(await source.getAttribute('data-locked'), '0', 'the demo month is not locked: live figures');
  const staff = await signedIn(server.url, 'fgw');
  const period = new URL(page.url()).searchParams.get('period');
  const info = (await staff.get(`/api/v1/ledgers?period=${period}`)).body;
  assert.match(await page.locator('[data-test=ledger-card-projects]').innerText(), new RegExp(String(info.summary.projects)));
  for (const kind of ['projects', 'areas', 'lagging', 'missing', 'overdue']) {
    const href = await page.locator(`[data-test=ledger-download-${kind}]`).getAttribute('href');
    assert.ok(href.includes(`/api/v1/ledgers/${kind}.xlsx`) && href.includes(`period=${period}`), href);
  }
  await shot(page, 'ledgers');
});
