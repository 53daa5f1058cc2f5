// A burst of progress reports (进度填报) through the API, for the backup and crash tests: a
// few workers save and submit monthly reports side by side, and every write whose answer came
// back 200 is recorded as acknowledged. A write that got no answer (the server was killed) is
// recorded as attempted only: it may or may not have been committed.
import assert from 'node:assert/strict';

export const WAN = 1_000_000;

// `n` projects in construction whose 责任单位 is `unitId`, created by `staff`.
export async function unitProjects(staff, unitId, n, prefix) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    const res = await staff.post('/api/v1/projects', {
      name: `${prefix}第${i}批`,
      level: 'district',
      lead_unit_id: unitId,
      total_investment: (5000 + i) * WAN,
      planned_start: '2025-03',
      stage: 'construction',
      actual_start: '2025-03-20',
    });
    assert.equal(res.status, 201, res.text);
    out.push(res.body);
  }
  return out;
}

// The months 2025-04 … 2026-11: all in the past, after the projects started.
export const PERIODS = Array.from({ length: 20 }, (_, i) => {
  const m = 3 + i; // 0-based month index from 2025-01
  return `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});

// The amount a report of project index `p`, period index `k` is saved with: distinct per
// report, so that a restored figure can only come from its own write.
export const amountOf = (p, k) => (p * 100 + k + 1) * 10_000; // 1 万元 steps of 0.01

// Starts `workers` loops over the (project, period) slots; each saves the report (PUT) and
// then submits it. Runs until `stop()` returns true or the slots run out. Returns
//   { acked, attempted, done }
// where acked/attempted are Maps "projectId/period" → { project, period, amount, submitted }
// (acked.submitted: the submit was acknowledged), each entry with the sequence number `seq`
// of its acknowledgement, and `done` settles when every worker stopped.
export function reportBurst(unit, projects, { workers = 6, stop, onAck = () => {} }) {
  const acked = new Map();
  const attempted = new Map();
  const slots = [];
  for (let k = 0; k < PERIODS.length; k++) for (let p = 0; p < projects.length; p++) slots.push([p, k]);
  let next = 0;
  let seq = 0;
  async function worker() {
    while (!stop() && next < slots.length) {
      const [p, k] = slots[next++];
      const project = projects[p];
      const period = PERIODS[k];
      const key = `${project.id}/${period}`;
      const amount = amountOf(p, k);
      attempted.set(key, { project: project.id, period, amount });
      const path = `/api/v1/projects/${project.id}/reports/${period}`;
      let saved;
      try {
        saved = await unit.put(path, { amount, progress_text: `第${k + 1}期:完成主体结构第${p + 1}段`, physical_percent: 10 + (k % 80) });
      } catch { return; } // the server is gone
      assert.equal(saved.status, 200, saved.text);
      const entry = { project: project.id, period, amount, submitted: false, seq: ++seq };
      acked.set(key, entry);
      onAck(entry);
      if (stop()) return;
      let submitted;
      try {
        submitted = await unit.post(`${path}/submit`, { version: saved.body.report.version });
      } catch { return; }
      assert.equal(submitted.status, 200, submitted.text);
      entry.submitted = true;
      entry.seq = ++seq;
      onAck(entry);
    }
  }
  // The workers start after the caller has the returned object (stop() may look at it).
  const done = Promise.resolve().then(() => Promise.all(Array.from({ length: workers }, worker)));
  return { acked, attempted, done };
}
