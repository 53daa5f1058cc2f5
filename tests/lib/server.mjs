// Starts the real tuijin binary for a test: on a temporary SQLite file, or on a fresh
// database in the throwaway PostgreSQL cluster that scripts/test.sh started
// (TUIJIN_TEST_DB=postgres, TUIJIN_TEST_PG=postgresql://postgres@127.0.0.1:PORT).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.TUIJIN_BIN || join(root, 'build/tuijin');
export const DIALECT = process.env.TUIJIN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const ARTIFACTS = process.env.TUIJIN_ARTIFACTS || join(root, 'build/test-artifacts');
export const DEMO_PASSWORD = 'Tuijin@2026';

function pgAdmin(sql) {
  const url = new URL(process.env.TUIJIN_TEST_PG);
  execFileSync('psql', ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', '-d', 'postgres',
    '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// A fresh, empty database: { url, drop() }.
export function createDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-test-'));
  if (DIALECT === 'sqlite') {
    return { url: join(dir, 'tuijin.db'), dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tuijin_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  pgAdmin(`CREATE DATABASE ${name}`);
  const base = new URL(process.env.TUIJIN_TEST_PG);
  base.pathname = `/${name}`;
  return {
    url: base.toString(), dir,
    drop: () => {
      try { pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* cluster may be gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Runs a CLI command to completion: { code, stdout, stderr }.
export function runCli(args, { env = {} } = {}) {
  return new Promise((resolveRun) => {
    const proc = spawn(BIN, args, { env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    proc.stdout.on('data', (d) => { stdout += d; });
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.on('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

// Starts `tuijin serve` on a free port. Options: demo (default true), args, env, database
// (reuse one from createDatabase()). Returns { url, proc, db, stop(), exited, output() }.
export async function startServer({ demo = true, args = [], env = {}, database } = {}) {
  const db = database || createDatabase();
  const serveArgs = ['serve', '--listen', '127.0.0.1:0', '--db', db.url, '--data_dir', join(db.dir, 'data'),
    '--log_level', 'warn', ...(demo ? ['--demo'] : ['--migrate']), ...args];
  // The daily reminder run is off unless a test turns it on: it would send today's digests to the
  // demo users at start, whatever the test is about.
  const proc = spawn(BIN, serveArgs, { env: { TUIJIN_DAILY_REMINDERS: 'false', ...process.env, ...env } });
  let output = '';
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30000);
    const onData = (d) => {
      output += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolveUrl(`http://127.0.0.1:${m[1]}`); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => { output += d; });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const server = {
    url, proc, db, exited,
    output: () => output,
    async stop({ keepDatabase = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
      if (!keepDatabase && !database) db.drop();
    },
  };
  return server;
}

// A signed-in (or anonymous) API client that keeps the session cookie and CSRF token.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }

  async request(method, path, { body, headers = {}, raw = false, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload = body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0];
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    if (raw) return res;
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, body: json, text };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.request('PUT', path, { ...opts, body }); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  async login(username, password = DEMO_PASSWORD) {
    const res = await this.post('/api/v1/session', { username, password });
    if (res.status === 200) this.csrf = res.body.csrf_token;
    return res;
  }
}

// A new account made by the administrator, ready to use: an account the administrator makes
// must change its initial password first, so it is signed in with a temporary one, changes it
// to `password`, and is signed in again. Returns { id, client }.
export async function createAccount(admin, base, { password, ...fields }) {
  const initial = 'Chushi#Mima2026';
  const created = await admin.post('/api/v1/users', { ...fields, password: initial });
  if (created.status !== 201) throw new Error(`creating ${fields.username} failed: ${created.status} ${created.text}`);
  const first = await signedIn(base, fields.username, initial);
  const changed = await first.put('/api/v1/session/password', { current_password: initial, new_password: password });
  if (changed.status !== 204) throw new Error(`changing ${fields.username}'s password failed: ${changed.status} ${changed.text}`);
  return { id: created.body.id, client: await signedIn(base, fields.username, password) };
}

// A client already signed in as `username` (a demo account by default).
export async function signedIn(base, username, password = DEMO_PASSWORD) {
  const c = new Client(base);
  const res = await c.login(username, password);
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${res.text}`);
  return c;
}
