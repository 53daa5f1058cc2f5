// 项目作战地图: the located projects with their colour and figures, a project's card, the
// offline layers (GeoJSON) and setting a location. Money is 分; coordinates are WGS-84.
import { http, request, type Query } from './http'
import type { Colour, StatusReason } from './statuses'
import type { Level, Stage } from './projects'

export interface MapProject {
  id: number
  name: string
  lng: number
  lat: number
  /** null: not in the status list (cancelled). */
  colour: Colour | null
  stage: Stage
  /** 总投资, 分 */
  total: number
  /** 年度计划, 分 */
  annual_plan: number
  /** 年初至今累计完成, 分 */
  ytd: number
  unit_id: number | null
}

export interface MapTotals {
  count: number
  total_investment: number
  annual_plan: number
  year_to_date: number
  annual_rate: string | null
  colours: Record<Colour | 'none', number>
}

export interface MapProjects {
  period: string
  /** 序时进度 as a fraction of the year (0.5 at the end of June). */
  schedule: number | null
  schedule_text: string
  frozen: boolean
  items: MapProject[]
  /** Lead unit names by id. */
  units: Record<string, string>
  totals: MapTotals
  /** Projects the filters select that have no location yet. */
  unlocated: number
  unlocated_items: { id: number; name: string }[]
}

export interface MapCard {
  id: number
  code: string | null
  name: string
  level: Level
  stage: Stage
  owner_unit_name: string | null
  lead_unit_name: string | null
  address: string | null
  lng: number | null
  lat: number | null
  version: number
  total_investment: number
  annual_plan: number
  year_to_date: number
  annual_rate: string | null
  period: string
  schedule_text: string
  colour: Colour | null
  reasons: Pick<StatusReason, 'colour' | 'metric' | 'rule_name' | 'reason'>[]
  progress: { period: string; state: string; text: string; physical_percent: number | null } | null
  photo: { url: string; file_name: string; taken_at: string } | null
  can_locate: boolean
}

export interface MapLayerInfo {
  key: string
  kind: 'boundary' | 'roads' | 'unit'
  unit_id: number | null
  unit_name: string | null
  name: string
  size_bytes: number
  feature_count: number
  /** [west, south, east, north] */
  bounds: [number, number, number, number]
  version: number
  updated_at: string
  updated_by_name: string | null
}

export interface Basemap {
  /** XYZ template; null = offline (the layers only). */
  tile_url: string | null
  attribution: string
  max_zoom: number
  subdomains: string
  mode: 'offline' | 'tiles'
}

export interface MapLayers {
  items: MapLayerInfo[]
  basemap: Basemap
  district: string
}

export type Datum = 'wgs84' | 'gcj02'

/** GET /api/v1/map/projects with the project list's filters plus colour and year. */
export function getMapProjects(query: Query, signal?: AbortSignal): Promise<MapProjects> {
  return http.get<MapProjects>('/api/v1/map/projects', { query, signal })
}

export function getMapCard(id: number, query: Query = {}): Promise<MapCard> {
  return http.get<MapCard>(`/api/v1/map/projects/${id}`, { query })
}

export function getMapLayers(): Promise<MapLayers> {
  return http.get<MapLayers>('/api/v1/map/layers')
}

/** A layer as GeoJSON: boundary, roads, or units (every unit's area, tagged unit_id/unit_name). */
export function getMapLayer(kind: 'boundary' | 'roads' | 'units'): Promise<GeoJSON.FeatureCollection> {
  return http.get<GeoJSON.FeatureCollection>(`/api/v1/map/layers/${kind}`)
}

/** Uploads a layer (admins): boundary, roads, or `units/{id}`. 422 names what is wrong, 413 past 5 MB. */
export function putMapLayer(path: string, file: Blob, name?: string): Promise<MapLayerInfo> {
  return request<MapLayerInfo>('PUT', `/api/v1/map/layers/${path}`, { raw: file, query: { name } })
}

export function deleteMapLayer(path: string): Promise<void> {
  return http.delete(`/api/v1/map/layers/${path}`)
}

export interface LocationResult {
  id: number
  lng: number | null
  lat: number | null
  converted: boolean
  version: number
}

/** PUT /api/v1/projects/{id}/location: stored in WGS-84 (GCJ-02 converted); null clears. */
export function setProjectLocation(
  id: number,
  location: { lng: number | null; lat: number | null; datum?: Datum; version?: number },
): Promise<LocationResult> {
  return http.put<LocationResult>(`/api/v1/projects/${id}/location`, location)
}
