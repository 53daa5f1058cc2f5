import { describe, expect, it } from 'vitest'
import { nextTick, reactive } from 'vue'
import { ApiError } from '@/api/http'
import { useServerErrors } from './useServerErrors'

function validationFailed(fields: Record<string, string>): ApiError {
  return new ApiError(400, 'validation.failed', '输入有误', { fields })
}

describe('useServerErrors', () => {
  it('puts messages under the form fields and lists the others with their labels', () => {
    const form = reactive({ name: '', code: '' })
    const server = useServerErrors(form)
    const had = server.apply(validationFailed({ name: '同名单位已存在', kind: '未知类型', sort_order: '太大' }), {
      labels: { kind: '类型' },
    })
    expect(had).toBe(true)
    expect(server.errors).toEqual({ name: '同名单位已存在' })
    expect(server.others.value).toEqual(['类型: 未知类型', 'sort_order: 太大'])
  })

  it('shows aliased fields under the input that stands for them', () => {
    const form = reactive({ leader: null as number | string | null })
    const server = useServerErrors(form)
    server.apply(validationFailed({ leader_user_id: '不是分包领导账号' }), {
      aliases: { leader_user_id: 'leader', leader_name: 'leader' },
    })
    expect(server.errors).toEqual({ leader: '不是分包领导账号' })
    expect(server.others.value).toEqual([])
  })

  it('forgets a message once its field is edited, and everything on clear', async () => {
    const form = reactive({ name: '', code: '' })
    const server = useServerErrors(form)
    server.apply(validationFailed({ name: '同名', code: '格式', parent_id: '不存在' }))
    form.name = '城东路街道办事处'
    await nextTick()
    expect(server.errors).toEqual({ code: '格式' })
    server.clear()
    expect(server.errors).toEqual({})
    expect(server.others.value).toEqual([])
  })

  it('reports false for a failure without field messages', () => {
    const server = useServerErrors(reactive({ name: '' }))
    expect(server.apply(new ApiError(409, 'project.illegal_transition', '不能从储备直接竣工'))).toBe(false)
    expect(server.apply(new Error('network'))).toBe(false)
  })
})
