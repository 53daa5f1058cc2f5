// In-app messages (站内消息): reminders to report, returned reports and the like.
import { http } from './http'

export interface Notification {
  id: number
  /** report_reminder, … */
  kind: string
  title: string
  body: string | null
  /** A path inside the app to open ("/reports?period=2026-07"), if any. */
  link: string | null
  read: boolean
  created_at: string
}

export interface NotificationList {
  /** The newest 50. */
  items: Notification[]
  unread: number
}

export function listNotifications(): Promise<NotificationList> {
  return http.get<NotificationList>('/api/v1/notifications')
}

export function markNotificationRead(id: number): Promise<{ id: number; read: boolean }> {
  return http.post<{ id: number; read: boolean }>(`/api/v1/notifications/${id}/read`, {})
}
