import { ApiError } from '@/api/http'

/** The slice of vue-i18n this module needs; a plain object in tests. */
export interface Translator {
  te(key: string): boolean
  t(key: string): string
}

// Used when the server sent a code the UI has no text for and no message either.
const STATUS_FALLBACK: Record<number, string> = {
  0: 'network',
  400: 'validation.failed',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'request.too_large',
  429: 'too_many_requests',
}

function known(tr: Translator, code: string): string | null {
  const key = `errors.${code}`
  return tr.te(key) ? tr.t(key) : null
}

/**
 * What to tell the user about a failed call: the UI's own text for the error code, else the
 * server's message, else a text for the HTTP status.
 */
export function errorMessage(err: unknown, tr: Translator): string {
  if (err instanceof ApiError) {
    const byCode = known(tr, err.code)
    if (byCode) return byCode
    if (err.status !== 0 && err.message) return err.message
    const fallback = STATUS_FALLBACK[err.status] ?? (err.status >= 500 ? 'internal' : 'unknown')
    return known(tr, fallback) ?? err.message ?? err.code
  }
  if (err instanceof Error && err.message) return err.message
  return known(tr, 'unknown') ?? String(err)
}
