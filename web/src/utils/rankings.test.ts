import { describe, expect, it } from 'vitest'
import {
  escalationTone,
  formatHundredths,
  hundredthsToPoints,
  ladderErrors,
  movementOf,
  pointsToHundredths,
  quarterMonths,
  quarterOf,
  reportingMonth,
} from './rankings'

describe('formatHundredths', () => {
  it('shows two decimals from integers', () => {
    expect(formatHundredths(9950)).toBe('99.50')
    expect(formatHundredths(10000)).toBe('100.00')
    expect(formatHundredths(7199)).toBe('71.99')
    expect(formatHundredths(5)).toBe('0.05')
    expect(formatHundredths(0)).toBe('0.00')
    expect(formatHundredths(-5)).toBe('-0.05')
  })
})

describe('inspection scores', () => {
  it('converts between hundredths and points without float noise', () => {
    expect(hundredthsToPoints(8750)).toBe(87.5)
    expect(hundredthsToPoints(null)).toBeNull()
    expect(pointsToHundredths(87.5)).toBe(8750)
    expect(pointsToHundredths(0.29)).toBe(29) // 0.29 × 100 = 28.999999999999996
    expect(pointsToHundredths(null)).toBeNull()
    expect(pointsToHundredths(undefined)).toBeNull()
  })
})

describe('periods', () => {
  it('reports the month before, across the new year', () => {
    expect(reportingMonth('2026-12-02')).toBe('2026-11')
    expect(reportingMonth('2026-01-15')).toBe('2025-12')
    expect(reportingMonth('2026-10-01')).toBe('2026-09')
  })
  it('finds the quarter of a month and its months', () => {
    expect(quarterOf('2026-08')).toEqual({ year: 2026, quarter: 3 })
    expect(quarterOf('2026-12')).toEqual({ year: 2026, quarter: 4 })
    expect(quarterOf('2026-01')).toEqual({ year: 2026, quarter: 1 })
    expect(quarterMonths(3)).toEqual([7, 8, 9])
  })
})

describe('movementOf', () => {
  it('arrows up and down, a dash otherwise', () => {
    expect(movementOf(2)).toEqual({ kind: 'up', text: '↑2' })
    expect(movementOf(-1)).toEqual({ kind: 'down', text: '↓1' })
    expect(movementOf(0)).toEqual({ kind: 'same', text: '—' })
    expect(movementOf(null)).toEqual({ kind: 'same', text: '—' })
  })
})

describe('escalationTone', () => {
  it('warns at the first step and reddens along the ladder', () => {
    expect(escalationTone(1, 3)).toEqual({ type: 'warning', effect: 'light' })
    expect(escalationTone(2, 3)).toEqual({ type: 'danger', effect: 'light' })
    expect(escalationTone(3, 3)).toEqual({ type: 'danger', effect: 'dark' })
    expect(escalationTone(5, 3)).toEqual({ type: 'danger', effect: 'dark' })
    expect(escalationTone(1, 1)).toEqual({ type: 'danger', effect: 'dark' })
  })
})

describe('ladderErrors', () => {
  it('picks the messages of ladder steps by index', () => {
    expect(ladderErrors({ 'ladder.1': '不能为空', ladder: '至少一级', top_award: '必填' })).toEqual({ 1: '不能为空' })
  })
})
