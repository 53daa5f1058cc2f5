import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { errorMessage, type Translator } from './error-message'
import zhCN from '@/i18n/zh-CN'

// A translator over the real Chinese messages, resolving dotted paths like vue-i18n does.
function translator(messages: Record<string, unknown>): Translator {
  const lookup = (key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)
  return {
    te: (key) => typeof lookup(key) === 'string',
    t: (key) => String(lookup(key) ?? key),
  }
}

const tr = translator(zhCN)

describe('errorMessage', () => {
  it('uses the UI text for known codes', () => {
    expect(errorMessage(new ApiError(401, 'auth.invalid_credentials', 'invalid username or password'), tr)).toBe('用户名或密码错误')
    expect(errorMessage(new ApiError(429, 'auth.throttled', 'too many attempts'), tr)).toBe('登录失败次数过多，请稍后再试')
    expect(errorMessage(new ApiError(400, 'validation.failed', 'bad input', { fields: { name: '必填' } }), tr)).toBe('输入有误，请检查标红的字段')
    expect(errorMessage(new ApiError(500, 'internal', 'boom'), tr)).toBe('服务器内部错误')
  })
  it("falls back to the server's message for unknown codes", () => {
    expect(errorMessage(new ApiError(409, 'project.code_taken', '项目代码已存在'), tr)).toBe('项目代码已存在')
  })
  it('falls back to the HTTP status when there is no message', () => {
    expect(errorMessage(new ApiError(404, 'http.404', ''), tr)).toBe('未找到')
    expect(errorMessage(new ApiError(502, 'http.502', ''), tr)).toBe('服务器内部错误')
    expect(errorMessage(new ApiError(0, 'network', 'Failed to fetch'), tr)).toBe(zhCN.errors.network)
  })
  it('handles plain errors', () => {
    expect(errorMessage(new Error('oops'), tr)).toBe('oops')
    expect(errorMessage('weird', tr)).toBe(zhCN.errors.unknown)
  })
})
