// Client-side checks for user forms. The server validates again and has the last word.

/** Same rule as domain::CheckUsername: 2–32 lowercase letters, digits, '_', '.', '-'. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{2,32}$/
/** Loose: digits with the usual separators (13803710002, 0371-66010001, +86 138 …). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,29}$/
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
