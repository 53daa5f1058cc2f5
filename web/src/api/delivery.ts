// Reminders and outgoing messages (admin): the daily digest's hour and "due soon" window, the
// group robot (企业微信/钉钉) and SMTP settings, test messages and the delivery log.
import { http, type ListResponse, type Query } from './http'

export interface SupervisionSettings {
  reminder_hour: number
  due_soon_days: number
  version: number
}

export interface ReminderDigest {
  user_id: number
  username: string
  display_name: string
  overdue: number
  due_today: number
  due_soon: number
}

export interface ReminderRun {
  day: string
  open_items: number
  digests: ReminderDigest[]
  sent: number
}

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const
export type SmtpSecurity = (typeof SMTP_SECURITY)[number]

export interface DeliverySettings {
  webhook_enabled: boolean
  webhook_url: string | null
  webhook_format: WebhookFormat
  webhook_secret_set: boolean
  smtp_enabled: boolean
  smtp_host: string | null
  smtp_port: number | null
  smtp_security: SmtpSecurity
  smtp_username: string | null
  smtp_password_set: boolean
  smtp_from: string | null
  version: number
}

/** Secrets are write-only: send them only to change them. */
export interface DeliverySettingsInput extends Omit<DeliverySettings, 'webhook_secret_set' | 'smtp_password_set'> {
  webhook_secret?: string
  smtp_password?: string
}

export const DELIVERY_STATES = ['pending', 'sent', 'failed'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]
export type DeliveryChannel = 'webhook' | 'email'

export interface Delivery {
  id: number
  channel: DeliveryChannel
  source: string
  target: string
  subject: string
  state: DeliveryState
  attempts: number
  next_attempt_at: string | number | null
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export function getSupervisionSettings(): Promise<SupervisionSettings> {
  return http.get<SupervisionSettings>('/api/v1/supervision-settings')
}

export function saveSupervisionSettings(input: SupervisionSettings): Promise<SupervisionSettings> {
  return http.put<SupervisionSettings>('/api/v1/supervision-settings', input)
}

/** Runs the day's reminders now (the server also runs them daily at reminder_hour). */
export function runReminders(input: { date?: string; dry_run?: boolean } = {}): Promise<ReminderRun> {
  return http.post<ReminderRun>('/api/v1/supervision-reminders/run', input)
}

export function getDeliverySettings(): Promise<DeliverySettings> {
  return http.get<DeliverySettings>('/api/v1/delivery-settings')
}

export function saveDeliverySettings(input: DeliverySettingsInput): Promise<DeliverySettings> {
  return http.put<DeliverySettings>('/api/v1/delivery-settings', input)
}

/** Queues a test message on a channel. */
export function sendTestMessage(channel: DeliveryChannel, to?: string): Promise<unknown> {
  return http.post('/api/v1/delivery-settings/test', { channel, to: to || undefined })
}

/** channel, state, page, page_size. */
export function listDeliveries(query: Query): Promise<ListResponse<Delivery>> {
  return http.get<ListResponse<Delivery>>('/api/v1/deliveries', { query })
}
