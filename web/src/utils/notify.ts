import { ElMessage } from 'element-plus'
import { i18n } from '@/i18n'
import { errorMessage } from './error-message'

const translator = {
  te: (key: string) => i18n.global.te(key),
  t: (key: string) => i18n.global.t(key),
}

/** The text errorMessage() would show, in the current language. */
export function describeError(err: unknown): string {
  return errorMessage(err, translator)
}

/** Shows a failed call to the user as a toast. */
export function showError(err: unknown): void {
  ElMessage.error({ message: describeError(err), grouping: true })
}

export function showSuccess(message: string): void {
  ElMessage.success({ message, grouping: true })
}
