import { describe, expect, it } from 'vitest'
import { linearCurve, rowErrors } from './plans'

describe('linearCurve', () => {
  it('floors each month and ends at the amount, exactly for large amounts', () => {
    const amount = 12_000 * 1_000_000 + 5
    const c = linearCurve(amount)
    expect(c).toHaveLength(12)
    expect(c[0]).toBe(Math.floor(amount / 12))
    expect(c[11]).toBe(amount)
    const big = 9_000_000_000_000_001 - 1 // near Number.MAX_SAFE_INTEGER
    expect(linearCurve(big)[11]).toBe(big)
  })
})

describe('rowErrors', () => {
  it('groups batch errors by the row index they name', () => {
    const m = rowErrors({ 'items.1.amount': '必填', 'items.1.curve.5': '5月累计计划少于4月', 'items.3.project_id': '项目不存在', reason: '须说明原因' })
    expect(m.get(1)).toEqual({ amount: '必填', 'curve.5': '5月累计计划少于4月' })
    expect(m.get(3)).toEqual({ project_id: '项目不存在' })
    expect(m.get(-1)).toEqual({ reason: '须说明原因' })
  })
})
