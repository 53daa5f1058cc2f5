// The warning centre (预警中心): warnings opened and closed by the colours of the month being
// reported; staff acknowledge one with a note (处理说明).
import { listExportUrl, http, type ListResponse, type Query } from './http'
import type { Colour } from './statuses'

export const WARNING_STATES = ['open', 'unacknowledged', 'acknowledged', 'closed', 'all'] as const
export type WarningState = (typeof WARNING_STATES)[number]

/** A warning is yellow or red; green closes it. */
export const WARNING_COLOURS = ['red', 'yellow'] as const satisfies readonly Colour[]

export interface Warning {
  id: number
  project: {
    id: number
    code: string | null
    name: string
    lead_unit_id: number | null
    lead_unit_name: string | null
  }
  metric: string
  metric_label: string
  rule_id: number | null
  colour: Colour
  reason: string
  /** The first and the latest month the warning held, YYYY-MM. */
  since_period: string
  last_period: string
  opened_at: string
  red_at: string | null
  closed_at: string | null
  acknowledged_at: string | null
  acknowledged_by_name: string | null
  ack_note: string | null
}

export interface WarningList extends ListResponse<Warning> {
  period: string
  /** Open warnings in the user's scope, whatever the filters. */
  summary: { red: number; yellow: number; unacknowledged: number }
}

/** GET /api/v1/warnings: state, colour (repeatable), metric, unit_id, q, page, page_size. */
export function listWarnings(query: Query): Promise<WarningList> {
  return http.get<WarningList>('/api/v1/warnings', { query })
}

/** Staff only. */
export function acknowledgeWarning(id: number, note: string): Promise<Warning> {
  return http.post<Warning>(`/api/v1/warnings/${id}/acknowledge`, { note })
}

/** The list with the same query, every page, as .xlsx (预警清单). */
export function warningsExportUrl(query: Query): string {
  return listExportUrl('warnings', query)
}
