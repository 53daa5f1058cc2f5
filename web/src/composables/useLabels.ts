import { useI18n } from 'vue-i18n'
import { ROLES } from '@/api/users'
import { UNIT_KINDS } from '@/api/units'

/**
 * Labels for the fixed enums of the API. Unknown values (a newer server, or el-table probing
 * column slots with an empty row) render as themselves instead of a missing-key warning.
 */
export function useLabels() {
  const { t } = useI18n()
  const roleLabel = (role: unknown): string =>
    (ROLES as readonly unknown[]).includes(role) ? t(`roles.${role as string}`) : String(role ?? '')
  const unitKindLabel = (kind: unknown): string =>
    (UNIT_KINDS as readonly unknown[]).includes(kind) ? t(`unitKinds.${kind as string}`) : String(kind ?? '')
  return { roleLabel, unitKindLabel }
}
