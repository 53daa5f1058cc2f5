import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureHttp, http, listExportUrl } from './http'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

describe('http client', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const onUnauthorized = vi.fn()

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok-123', onUnauthorized })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    fetchMock.mockReset()
    onUnauthorized.mockReset()
  })

  it('sends JSON with the session cookie, and the CSRF header only on state-changing calls', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [], total: 0 }))
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { id: 7 }))
    await http.get('/api/v1/units')
    expect(await http.post('/api/v1/units', { name: '城关镇' })).toEqual({ id: 7 })

    const [, getInit] = fetchMock.mock.calls[0]!
    expect(getInit?.credentials).toBe('same-origin')
    expect((getInit?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    const [, postInit] = fetchMock.mock.calls[1]!
    const headers = postInit?.headers as Record<string, string>
    expect(headers['X-CSRF-Token']).toBe('tok-123')
    expect(headers['Content-Type']).toBe('application/json')
    expect(postInit?.body).toBe('{"name":"城关镇"}')
  })

  it('uploads a file as the raw body with its own type and the CSRF header', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { id: 3 }))
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' })
    expect(await http.upload('/api/v1/projects/1/attachments', file, { query: { filename: '批复.pdf' } })).toEqual({ id: 3 })
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/v1/projects/1/attachments?filename=%E6%89%B9%E5%A4%8D.pdf')
    const headers = init?.headers as Record<string, string>
    expect(headers['Content-Type']).toBe('application/pdf')
    expect(headers['X-CSRF-Token']).toBe('tok-123')
    expect(init?.body).toBe(file)
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    expect(await http.delete('/api/v1/units/3')).toBeUndefined()
  })

  it('turns error bodies into ApiError with field details', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, { error: { code: 'validation.failed', message: '输入有误', details: { fields: { name: '必填' } } } }),
    )
    const err = await http.post('/api/v1/units', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'validation.failed', message: '输入有误' })
    expect((err as ApiError).fieldErrors).toEqual({ name: '必填' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('reports 401 to the app unless the caller handles it', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(401, { error: { code: 'auth.required', message: '请先登录' } }))
    await expect(http.get('/api/v1/users')).rejects.toMatchObject({ status: 401, code: 'auth.required' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    await expect(http.get('/api/v1/session', { allowUnauthorized: true })).rejects.toMatchObject({ code: 'auth.required' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('copes with non-JSON errors and an unreachable server', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    await expect(http.get('/api/v1/units')).rejects.toMatchObject({ status: 502, code: 'http.502' })
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(http.get('/api/v1/units')).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})

describe('buildUrl', () => {
  it('drops empty filters', () => {
    expect(buildUrl('/api/v1/users', { q: '张', role: '', unit_id: null, page: 2, page_size: undefined })).toBe(
      '/api/v1/users?q=%E5%BC%A0&page=2',
    )
    expect(buildUrl('/api/v1/users')).toBe('/api/v1/users')
  })

  it('repeats the key of a list', () => {
    expect(buildUrl('/api/v1/reports', { period: '2026-10', state: ['draft', '', 'returned'] })).toBe(
      '/api/v1/reports?period=2026-10&state=draft&state=returned',
    )
    expect(buildUrl('/api/v1/reports', { state: [] })).toBe('/api/v1/reports')
  })
})

describe('listExportUrl', () => {
  it('keeps the list filters and drops the page', () => {
    expect(listExportUrl('warnings', { state: 'open', colour: 'red,yellow', unit_id: 17, page: 3, page_size: 50 })).toBe(
      '/api/v1/exports/warnings?state=open&colour=red%2Cyellow&unit_id=17',
    )
    expect(listExportUrl('rankings/quarters', { year: 2026, quarter: 3 })).toBe('/api/v1/exports/rankings/quarters?year=2026&quarter=3')
    expect(listExportUrl('statuses', {})).toBe('/api/v1/exports/statuses')
    expect(listExportUrl('statuses')).toBe('/api/v1/exports/statuses')
  })
})
