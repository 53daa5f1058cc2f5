import { useI18n } from 'vue-i18n'

/**
 * A period key in the UI language: "2026-10" → 2026年10月 / 2026-10, "2026-W09" →
 * 2026年第9周 / 2026 week 9. (The server's `label` is Chinese only.)
 */
export function usePeriodLabel() {
  const { t } = useI18n()
  return (period: string): string => {
    const week = /^(\d{4})-W(\d{2})$/.exec(period)
    if (week) return t('reports.period.weekLabel', { year: week[1], week: Number(week[2]) })
    const month = /^(\d{4})-(\d{2})$/.exec(period)
    return month ? t('reports.period.monthLabel', { year: month[1], month: Number(month[2]), mm: month[2] }) : period
  }
}
