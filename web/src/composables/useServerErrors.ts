import { reactive, ref, watch } from 'vue'
import { isApiError } from '@/api/http'

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
  function apply(err: unknown, labels: Record<string, string> = {}): boolean {
    clear()
    if (!isApiError(err)) return false
    const fields = err.fieldErrors
    const entries = Object.entries(fields)
    for (const [field, message] of entries) {
      if (shown.has(field)) errors[field] = message
      else others.value.push(labels[field] ? `${labels[field]}: ${message}` : `${field}: ${message}`)
    }
    return entries.length > 0
  }

  return { errors, others, apply, clear }
}
