// Which roles may do what, for hiding what a role cannot do. These mirror the role sets of
// the route table in src/api/api.cc (kAdmin, kStaff, kProjectReaders, kProjectEditors); the
// server checks again and has the last word.
import type { Role } from '@/api/users'

/** kAdmin: system administration (units, users, dictionaries). */
export const ADMINS: readonly Role[] = ['admin']
/** kStaff, the bureau (发改局): creates and imports projects, changes their stage. */
export const BUREAU: readonly Role[] = ['admin', 'staff']
/** kProjectReaders: the project library (项目库); experts only see their reviews. */
export const PROJECT_READERS: readonly Role[] = ['admin', 'staff', 'unit', 'leader']
/** kProjectEditors: edit a project and its attachments (a unit reporter only its unit's). */
export const PROJECT_EDITORS: readonly Role[] = ['admin', 'staff', 'unit']
/** Ledgers (台账报表): the bureau and the district leaders. */
export const LEDGER_READERS: readonly Role[] = ['admin', 'staff', 'leader']
