import { describe, expect, it } from 'vitest'
import { all, first, positiveInt } from './query'

describe('query helpers', () => {
  it('read the first value, lists and whole numbers', () => {
    expect(first(['2026-10', '2026-11'])).toBe('2026-10')
    expect(first(undefined)).toBe('')
    expect(all(['red,yellow', 'green'])).toEqual(['red', 'yellow', 'green'])
    expect(positiveInt('12')).toBe(12)
    expect(positiveInt('0')).toBeNull()
    expect(positiveInt('1e3')).toBeNull()
    expect(positiveInt('99999999999999999999')).toBeNull()
    expect(positiveInt('13', 12)).toBeNull()
  })
})
