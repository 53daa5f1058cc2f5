// The working-day calendar: days that differ from the week (public holidays on weekdays,
// adjusted working days 调休上班 on weekends). Deadlines in working days count on it.
import { http } from './http'

export type CalendarDayKind = 'holiday' | 'workday'

export interface CalendarDay {
  day: string
  kind: CalendarDayKind
  name: string
}

export interface WorkCalendar {
  year: number
  items: CalendarDay[]
}

export function getWorkCalendar(year: number): Promise<WorkCalendar> {
  return http.get<WorkCalendar>('/api/v1/work-calendar', { query: { year } })
}

/** Admin: replaces the year's days. */
export function saveWorkCalendar(year: number, items: CalendarDay[]): Promise<WorkCalendar> {
  return http.put<WorkCalendar>(`/api/v1/work-calendar/${year}`, { items })
}

/** The date N working days after `from`. */
export function addWorkingDays(from: string, days: number): Promise<{ from: string; days: number; date: string }> {
  return http.get<{ from: string; days: number; date: string }>('/api/v1/work-calendar/add-working-days', { query: { from, days } })
}
