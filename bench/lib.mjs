// What both bench scripts share: the recorded figures, percentiles and a timer.
export const results = [];

export function record(name, value, unit, target = '') {
  results.push({ name, value, unit, target });
  console.log(`${name}: ${typeof value === 'number' ? value.toFixed(2) : value} ${unit} ${target}`);
}

export function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function timed(fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}
