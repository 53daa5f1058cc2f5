import { describe, expect, it } from 'vitest'
import { formatWallTime, todayIso } from './date'

describe('formatWallTime', () => {
  it('shows the time as written, whatever the browser time zone', () => {
    expect(formatWallTime('2026-11-05T17:00:00+08:00')).toBe('2026-11-05 17:00')
    expect(formatWallTime('')).toBe('')
    expect(formatWallTime('not a time')).toBe('not a time')
  })
})

describe('todayIso', () => {
  it('pads month and day', () => {
    expect(todayIso(new Date('2026-01-05T03:00:00Z'))).toBe('2026-01-05')
  })
  it('is the day in China time, whatever the browser time zone', () => {
    // 16:30 UTC is already the next day in Beijing; 15:59 UTC is not yet.
    expect(todayIso(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24')
    expect(todayIso(new Date('2026-11-23T15:59:00Z'))).toBe('2026-11-23')
    expect(todayIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })
})
