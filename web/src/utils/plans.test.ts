import { describe, expect, it } from 'vitest'
import { linearCurve, rescaleCurve, rowErrors } from './plans'

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

describe('rescaleCurve', () => {
  const WAN = 1_000_000
  // 滨河公园片区雨污分流: nothing in the first quarter, then even months, 4,800 万元.
  const shaped = [0, 0, 0, 600, 1200, 1800, 2400, 3000, 3600, 4200, 4500, 4800].map((w) => w * WAN)

  it('keeps each month\'s share of the year and ends on the new amount', () => {
    const c = rescaleCurve(shaped, 6_000 * WAN)
    expect(c.slice(0, 4)).toEqual([0, 0, 0, 750 * WAN])
    expect(c[9]).toBe(5_250 * WAN)
    expect(c[11]).toBe(6_000 * WAN)
  })

  it('rounds down to the fen and never falls', () => {
    const c = rescaleCurve(shaped, 4_800 * WAN + 7)
    expect(c[11]).toBe(4_800 * WAN + 7)
    expect(c[3]).toBe(600 * WAN) // 600/4800 of 7 fen rounds down
    for (let m = 1; m < 12; m++) expect(c[m]!).toBeGreaterThanOrEqual(c[m - 1]!)
  })

  it('a curve that ended at 0 becomes linear', () => {
    expect(rescaleCurve(new Array(12).fill(0), 1_200 * WAN)).toEqual(linearCurve(1_200 * WAN))
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
