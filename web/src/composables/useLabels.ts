import { useI18n } from 'vue-i18n'
import { ROLES } from '@/api/users'
import { UNIT_KINDS } from '@/api/units'
import { LEVELS, STAGES } from '@/api/projects'
import { GRID_STATES } from '@/api/reports'

/**
 * Labels for the fixed enums of the API. Unknown values (a newer server, or el-table probing
 * column slots with an empty row) render as themselves instead of a missing-key warning.
 */
export function useLabels() {
  const { t } = useI18n()
  const pick = (values: readonly string[], prefix: string) => (value: unknown): string =>
    values.includes(value as string) ? t(`${prefix}.${value as string}`) : String(value ?? '')
  const roleLabel = pick(ROLES, 'roles')
  const unitKindLabel = pick(UNIT_KINDS, 'unitKinds')
  const levelLabel = pick(LEVELS, 'levels')
  const stageLabel = pick(STAGES, 'stages')
  const reportStateLabel = pick(GRID_STATES, 'reports.states')
  return { roleLabel, unitKindLabel, levelLabel, stageLabel, reportStateLabel }
}
