import { describe, expect, it } from 'vitest'
import { PHONE_PATTERN, USERNAME_PATTERN, check, type Validator } from './validators'

/** Runs an el-form validator and returns the message it reported, or null. */
function run(validator: Validator, value: unknown): string | null {
  let result: string | null | undefined
  const done = (err?: string | Error) => {
    result = err === undefined ? null : err instanceof Error ? err.message : err
  }
  validator({} as Parameters<Validator>[0], value, done, {}, {})
  if (result === undefined) throw new Error('the validator did not call back')
  return result
}

describe('check', () => {
  const notEmpty = check((v) => (String(v ?? '').trim() ? null : '请输入'))

  it('reports the message the check returns', () => {
    expect(run(notEmpty, '  ')).toBe('请输入')
    expect(run(notEmpty, undefined)).toBe('请输入')
  })

  it('passes a value the check accepts', () => {
    expect(run(notEmpty, '城东路')).toBeNull()
  })
})

describe('patterns', () => {
  it('take the usernames and phone numbers the server takes', () => {
    expect(USERNAME_PATTERN.test('chengdong')).toBe(true)
    expect(USERNAME_PATTERN.test('Chengdong')).toBe(false)
    expect(USERNAME_PATTERN.test('a')).toBe(false)
    expect(PHONE_PATTERN.test('0371-66010001')).toBe(true)
    expect(PHONE_PATTERN.test('+86 138 0371 0002')).toBe(true)
    expect(PHONE_PATTERN.test('电话')).toBe(false)
  })
})
