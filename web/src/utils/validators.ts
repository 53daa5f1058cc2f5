// Client-side checks for forms. The server validates again and has the last word.
import type { FormItemRule } from 'element-plus'

/** Same rule as domain::CheckUsername: 2–32 lowercase letters, digits, '_', '.', '-'. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{2,32}$/
/** Loose: digits with the usual separators (13803710002, 0371-66010001, +86 138 …). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,29}$/
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

export type Validator = NonNullable<FormItemRule['validator']>

/** An el-form validator from a check that returns the message to show, or null when the value is fine. */
export function check(fn: (value: unknown) => string | null): Validator {
  return (_rule, value, callback) => {
    const message = fn(value)
    if (message) callback(new Error(message))
    else callback()
  }
}
