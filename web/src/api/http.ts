// The one HTTP client of the app: JSON in and out, the session cookie, the CSRF header on
// state-changing requests, 401 → login page, every other failure → ApiError.

export type FieldErrors = Record<string, string>

export interface ErrorDetails {
  fields?: FieldErrors
  [key: string]: unknown
}

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetails

  constructor(status: number, code: string, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  /** Per-field messages of a validation.failed response, keyed by the JSON field name. */
  get fieldErrors(): FieldErrors {
    const fields = this.details.fields
    return fields && typeof fields === 'object' ? fields : {}
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError
}

type QueryValue = string | number | boolean | null | undefined
/** URL query parameters; an array repeats its key (?state=draft&state=returned). */
export type Query = Record<string, QueryValue | readonly QueryValue[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Sent as the raw body (a file upload) instead of JSON, with the Blob's own Content-Type. */
  raw?: Blob
  /** Do not treat 401 as "session expired" (login and session probing handle it themselves). */
  allowUnauthorized?: boolean
  signal?: AbortSignal
}

interface HttpHooks {
  csrfToken: () => string | null
  onUnauthorized: () => void
}

let hooks: HttpHooks = { csrfToken: () => null, onUnauthorized: () => {} }

/** Wires the client to the auth store and router (done once in main.ts, avoiding import cycles). */
export function configureHttp(h: HttpHooks): void {
  hooks = h
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, values] of Object.entries(query)) {
    for (const value of Array.isArray(values) ? values : [values]) {
      if (value === undefined || value === null || value === '') continue
      params.append(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/**
 * The .xlsx export of a list (/api/v1/exports/<list>) with the list's own query, every page:
 * page and page_size are dropped. For a download link (<a href download>).
 */
export function listExportUrl(list: string, query?: Query): string {
  return buildUrl(`/api/v1/exports/${list}`, query && { ...query, page: undefined, page_size: undefined })
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // Not JSON (e.g. a proxy's HTML error page); fall through to a status-only error.
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error
  if (err && typeof err === 'object') {
    return new ApiError(
      res.status,
      typeof err.code === 'string' ? err.code : `http.${res.status}`,
      typeof err.message === 'string' ? err.message : res.statusText,
      err.details && typeof err.details === 'object' ? (err.details as ErrorDetails) : {},
    )
  }
  return new ApiError(res.status, `http.${res.status}`, res.statusText)
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: string | Blob | undefined
  if (options.raw !== undefined) {
    headers['Content-Type'] = options.raw.type || 'application/octet-stream'
    body = options.raw
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (UNSAFE_METHODS.has(method)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }

  if (!res.ok) {
    const err = await parseError(res)
    if (res.status === 401 && !options.allowUnauthorized) hooks.onUnauthorized()
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** POSTs a file's bytes as the request body (the server takes the name from the query). */
  upload: <T>(path: string, file: Blob, options?: RequestOptions) => request<T>('POST', path, { ...options, raw: file }),
}

/** The list envelope every collection endpoint returns. */
export interface ListResponse<T> {
  items: T[]
  total: number
}
