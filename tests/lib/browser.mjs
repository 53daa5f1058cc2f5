// Browser tests in headless Chromium against the real binary: one server and one browser per
// test file, a fresh context (own cookies and localStorage) for every page, and a check after
// every test that each page it opened stayed clean: no uncaught error, no error logged to the
// console (Vue reports render and handler errors there), no request leaving the server.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ARTIFACTS, DEMO_PASSWORD } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Chromium logs every 4xx/5xx response as a console error. The tests provoke 4xx answers from
// the API on purpose (wrong password, 403, 429, validation errors): those lines alone are
// expected. A 5xx, or a 4xx for anything but the API, is still a problem.
const EXPECTED_API_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

// Registers the suite's hooks and returns { server, newPage, shot }:
//   prefix         screenshots are $TUIJIN_ARTIFACTS/e2e-<prefix>-<name>.png
//   serverOptions  passed to startServer()
//   timeout        default timeout of every page's actions and waits, in ms (Playwright's otherwise)
// `server` is filled in by the suite's before hook (url, proc, db, stop(), ...). Node 20 runs a
// file's top-level before hooks side by side, not one after the other: a file's own before
// hook cannot count on the server yet; use it from the tests.
export function browserSuite({ prefix, serverOptions = {}, timeout } = {}) {
  const server = {};
  let browser;
  let pages = [];

  before(async () => {
    Object.assign(server, await startServer(serverOptions));
    // playwright-core gives every launch a fresh temporary profile (it refuses --user-data-dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server.stop?.();
  });

  // Every page the test opened: its context is closed whatever happened, then each must be clean.
  afterEach(async () => {
    const opened = pages;
    pages = [];
    for (const page of opened) await page.context().close().catch(() => {});
    for (const page of opened) assertClean(page);
  });

  // A page in a fresh browser context that records what makes it unclean in page.problems.
  async function newPage() {
    // Our users' clock (+08:00, DESIGN.md §2): the server's "today" and the page's agree at any hour.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (timeout) context.setDefaultTimeout(timeout);
    const page = await context.newPage();
    page.problems = [];
    pages.push(page);
    page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const source = m.location()?.url || '';
      if (EXPECTED_API_REFUSAL.test(m.text()) && source.startsWith(`${server.url}/api/`)) return;
      page.problems.push(`console error: ${m.text()}${source ? ` (${source})` : ''}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) page.problems.push(`external request: ${r.url()}`);
    });
    return page;
  }

  async function shot(page, name) {
    await page.screenshot({ path: join(ARTIFACTS, `e2e-${prefix}-${name}.png`) });
  }

  return { server, newPage, shot };
}

// Fails with the page's recorded problems, if any.
export function assertClean(page) {
  assert.deepEqual(page.problems, [], `page ${page.url()} is not clean`);
}

// Fills in and submits the login form on the current page.
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', password);
  await page.click('[data-test=login-submit]');
}

// The rows of the 项目库 table.
export const projectRows = (page) => page.locator('[data-test=projects-table] .el-table__body tr.el-table__row');
