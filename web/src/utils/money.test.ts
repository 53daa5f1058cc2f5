import { describe, expect, it } from 'vitest'
import { fenToWan, fenToWanInput, fenToYi, formatShare, formatWanText, wanToFen } from './money'

describe('fenToYi', () => {
  it('formats 分 as 亿元 (seed totals run to hundreds of 亿元)', () => {
    expect(fenToYi(12_345_678_900_000)).toBe('1,234.57')
    expect(fenToYi(25_000_000_000_000)).toBe('2,500.00')
    expect(fenToYi(-50_000_000)).toBe('-0.01') // half of 0.01 亿元, away from zero
    expect(fenToYi(-49_999_999)).toBe('0.00')
  })
})

describe('fenToWan', () => {
  it('formats 分 as 万元 with two decimals', () => {
    expect(fenToWan(0)).toBe('0.00')
    expect(fenToWan(1_000_000)).toBe('1.00')
    expect(fenToWan(123_456_789)).toBe('123.46')
    expect(fenToWan(1_234_567_890_000)).toBe('1,234,567.89')
  })
  it('rounds half away from zero on integers', () => {
    expect(fenToWan(5_000)).toBe('0.01') // 50 元 = 0.005 万元
    expect(fenToWan(4_999)).toBe('0.00')
    expect(fenToWan(-5_000)).toBe('-0.01')
    expect(fenToWan(-4_999)).toBe('0.00') // no "-0.00"
  })
  it('honours decimals and grouping', () => {
    expect(fenToWan(123_456_789, 0)).toBe('123')
    expect(fenToWan(123_456_789, 4)).toBe('123.4568')
    expect(fenToWan(1_234_567_890_000, 2, false)).toBe('1234567.89')
  })
  it('rejects non-integers', () => {
    expect(() => fenToWan(1.5)).toThrow(RangeError)
  })
})

describe('wanToFen', () => {
  it('parses what users type', () => {
    expect(wanToFen('1')).toBe(1_000_000)
    expect(wanToFen('1,234.5')).toBe(1_234_500_000)
    expect(wanToFen(' 0.000001 ')).toBe(1)
    expect(wanToFen('-3.25')).toBe(-3_250_000)
    expect(wanToFen('12.')).toBe(12_000_000)
  })
  it('refuses junk and sub-分 precision', () => {
    expect(wanToFen('')).toBeNull()
    expect(wanToFen('abc')).toBeNull()
    expect(wanToFen('1.0000001')).toBeNull()
    expect(wanToFen('1e5')).toBeNull()
  })
})

describe('wanToFen without float drift', () => {
  it('is exact where parseFloat * 1e6 is not', () => {
    // 0.29 * 1e6 = 290000.00000000006 and 1.005 * 1e6 = 1004999.9999999999 in floating point.
    expect(wanToFen('0.29')).toBe(290_000)
    expect(wanToFen('1.005')).toBe(1_005_000)
    expect(wanToFen('8600.5')).toBe(8_600_500_000)
    expect(wanToFen('4503.599627')).toBe(4_503_599_627)
  })
  it('accepts full-width commas and refuses amounts beyond a safe integer of 分', () => {
    expect(wanToFen('1，250，000')).toBe(1_250_000_000_000)
    expect(wanToFen('9007199254.740991')).toBe(Number.MAX_SAFE_INTEGER)
    expect(wanToFen('9007199254.740992')).toBeNull()
  })
})

describe('fenToWanInput', () => {
  it('renders 分 as editable 万元 text and round-trips', () => {
    expect(fenToWanInput(45_000_000_000)).toBe('45000')
    expect(fenToWanInput(8_600_500_000)).toBe('8600.5')
    expect(fenToWanInput(1)).toBe('0.000001')
    expect(fenToWanInput(0)).toBe('0')
    expect(fenToWanInput(null)).toBe('')
    for (const fen of [0, 1, 99, 1_000_000, 290_000, 1_005_000, 123_456_789_012]) expect(wanToFen(fenToWanInput(fen))).toBe(fen)
  })
})

describe('formatShare', () => {
  it('gives the share of a total in percent, rounded half up on integers', () => {
    expect(formatShare(20_000, 45_000)).toBe('44.4%')
    expect(formatShare(1, 8)).toBe('12.5%')
    expect(formatShare(1, 3, 2)).toBe('33.33%')
    expect(formatShare(45_000, 45_000)).toBe('100.0%')
    expect(formatShare(1, 2_000)).toBe('0.1%') // 0.05% rounds up
    expect(formatShare(8_000_000_000_000, 12_500_000_000_000)).toBe('64.0%')
  })
  it('is empty without a positive total', () => {
    expect(formatShare(5, 0)).toBe('')
    expect(formatShare(5, -1)).toBe('')
  })
})

describe('formatWanText', () => {
  it('groups plain 万元 numbers with two to six decimals', () => {
    expect(formatWanText('3618.76')).toBe('3,618.76')
    expect(formatWanText('669591')).toBe('669,591.00')
    expect(formatWanText('5206.3')).toBe('5,206.30')
    expect(formatWanText('0.000001')).toBe('0.000001')
    expect(formatWanText(' 1200 ')).toBe('1,200.00')
    expect(formatWanText('-12345.5')).toBe('-12,345.50')
  })

  it('rounds Excel float noise to the 分', () => {
    expect(formatWanText('73655.00999999999')).toBe('73,655.01')
    expect(formatWanText('0.0000004')).toBe('0.00')
    expect(formatWanText('1.9999995')).toBe('2.00')
  })

  it('leaves anything else as it is', () => {
    expect(formatWanText('')).toBe('')
    expect(formatWanText('待定')).toBe('待定')
    expect(formatWanText('1,234.5')).toBe('1,234.5')
    expect(formatWanText('3.2e5')).toBe('3.2e5')
    expect(formatWanText('99999999999999999')).toBe('99999999999999999')
  })
})
