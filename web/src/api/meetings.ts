// Meetings (推进会, 周例会, 联席会议, 现场办公) and their decisions (议定事项); a decision becomes
// a supervision item through createSupervisionItem with meeting_decision_id.
import { http, type ListResponse, type Query } from './http'
import type { SupervisionStatus, UnitRef } from './supervision'

export interface MeetingSummary {
  id: number
  title: string
  /** A meeting_type label. */
  kind: string
  held_on: string
  location: string | null
  host: string | null
  decision_count: number
  item_count: number
}

export interface DecisionInput {
  id?: number
  content: string
  lead_unit_id: number | null
  deadline: string | null
}

export interface Decision {
  id: number
  seq: number
  content: string
  lead_unit: UnitRef | null
  deadline: string | null
  items: { id: number; number: string | null; status: SupervisionStatus; status_label: string }[]
}

export interface Meeting extends MeetingSummary {
  attendees: string | null
  minutes: string | null
  version: number
  decisions: Decision[]
}

export interface MeetingInput {
  title: string
  kind: string
  held_on: string
  location: string
  host: string
  attendees: string
  minutes: string
  decisions: DecisionInput[]
  version?: number
}

/** kind, from, to, q, page, page_size. */
export function listMeetings(query: Query): Promise<ListResponse<MeetingSummary>> {
  return http.get<ListResponse<MeetingSummary>>('/api/v1/meetings', { query })
}

export function getMeeting(id: number): Promise<Meeting> {
  return http.get<Meeting>(`/api/v1/meetings/${id}`)
}

export function createMeeting(input: MeetingInput): Promise<Meeting> {
  return http.post<Meeting>('/api/v1/meetings', input)
}

/** Decisions without an id are added, missing ones deleted (409 once they became items). */
export function updateMeeting(id: number, input: MeetingInput): Promise<Meeting> {
  return http.put<Meeting>(`/api/v1/meetings/${id}`, input)
}
