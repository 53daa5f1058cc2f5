import { nextTick, reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { useServerErrors } from './useServerErrors'
import { showError, showSuccess } from '@/utils/notify'

/** What the dialog needs of its form: el-form, or components/FormDialog.vue that wraps one. */
export type FormHandle = Pick<FormInstance, 'validate' | 'validateField' | 'clearValidate'>

export interface FormDialogOptions<F extends object, R> {
  /** The form's values each time the dialog opens (and its shape). */
  init: () => F
  /** Sends the form once its rules pass; null when there is nothing to send. */
  submit: (form: F) => Promise<R> | null
  /** The toast after a successful save. */
  success: (result: R) => string
  /** Called after the toast, with the dialog closed. */
  onSaved?: (result: R) => void
  /** Names of the fields in the server's messages, for those the form does not show. */
  labels?: () => Record<string, string>
  /**
   * Shows a failed call instead of the default error toast; `hadFieldErrors` says whether
   * the server's field messages are already shown on the form.
   */
  onError?: (err: unknown, hadFieldErrors: boolean) => void
}

/**
 * A form in a dialog; `formRef` is its FormDialog (or el-form). Each time the dialog opens,
 * the form is refilled from `init` and old messages are cleared. `save` checks the rules,
 * sends, toasts and closes; or shows the server's field messages (under the inputs, the
 * rest in `server.others`) and the error.
 */
export function useFormDialog<F extends object, R>(
  visible: Ref<boolean>,
  formRef: Ref<FormHandle | undefined>,
  options: FormDialogOptions<F, R>,
) {
  const form = reactive(options.init()) as F
  const saving = ref(false)
  const server = useServerErrors(form)

  watch(visible, async (open) => {
    if (!open) return
    Object.assign(form, options.init())
    await nextTick()
    formRef.value?.clearValidate()
    server.clear()
  })

  async function save(): Promise<void> {
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid || saving.value) return
    saving.value = true
    try {
      const call = options.submit(form)
      if (!call) return
      const result = await call
      showSuccess(options.success(result))
      visible.value = false
      options.onSaved?.(result)
    } catch (err) {
      const hadFieldErrors = server.apply(err, { labels: options.labels?.() })
      if (options.onError) options.onError(err, hadFieldErrors)
      else showError(err)
    } finally {
      saving.value = false
    }
  }

  return { form, saving, server, save }
}
