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
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})
