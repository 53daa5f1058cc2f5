import { reactive, ref, watch } from 'vue'
import { isApiError } from '@/api/http'

export interface ApplyOptions {
  /** Names for the fields the form does not show, to prefix their messages in `others`. */
  labels?: Record<string, string>
  /** Server field → form field, where one input stands for several API fields. */
  aliases?: Record<string, string>
}

/**
 * Server-side validation messages (400 validation.failed, details.fields) for a form.
 * `errors[field]` feeds el-form-item's `error` prop; a message disappears once its field is
 * edited. Messages for fields the form does not show are kept in `others`.
 */
export function useServerErrors<F extends object>(form: F) {
  const errors = reactive<Record<string, string>>({})
  const others = ref<string[]>([])
  const shown = new Set(Object.keys(form))

  for (const key of shown) {
    watch(
      () => (form as Record<string, unknown>)[key],
      () => {
        delete errors[key]
      },
    )
  }

  function clear() {
    for (const key of Object.keys(errors)) delete errors[key]
    others.value = []
  }

  /** Takes the field messages from a failed call; true if there were any. */
  function apply(err: unknown, { labels = {}, aliases = {} }: ApplyOptions = {}): boolean {
    clear()
    if (!isApiError(err)) return false
    const entries = Object.entries(err.fieldErrors)
    for (const [field, message] of entries) {
      const target = aliases[field] ?? field
      if (shown.has(target)) errors[target] = message
      else others.value.push(`${labels[field] || field}: ${message}`)
    }
    return entries.length > 0
  }

  return { errors, others, apply, clear }
}
