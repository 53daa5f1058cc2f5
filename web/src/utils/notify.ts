import { ElMessage, ElMessageBox } from 'element-plus'
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

export interface ConfirmOptions {
  /** Text of the confirm button, naming the action (停用, 重新加载 …). */
  confirm: string
  /** A red confirm button, for what cannot be undone. */
  danger?: boolean
  /** The box's title; 请确认 by default. */
  title?: string
  /** The icon: a warning by default, `info` for a harmless action. */
  type?: 'warning' | 'info'
}

/** Asks before an action; true if the user confirmed, false if they cancelled or closed the box. */
export async function confirmAction(message: string, options: ConfirmOptions): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, options.title ?? t('common.confirmTitle'), {
      type: options.type ?? 'warning',
      confirmButtonText: options.confirm,
      cancelButtonText: t('common.cancel'),
      ...(options.danger ? { confirmButtonClass: 'el-button--danger' } : {}),
    })
    return true
  } catch {
    return false
  }
}

/** Asks before deleting, with a red 删除 button. */
export function confirmDelete(message: string): Promise<boolean> {
  return confirmAction(message, { confirm: i18n.global.t('common.delete'), danger: true })
}
