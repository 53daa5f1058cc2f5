// The map itself, shared by the 作战地图 page and the big screen: Leaflet with either the
// configured tile server or nothing (offline: the district boundary, units' areas and roads
// as GeoJSON from our own server), and every project as a canvas circle, clustered when zoomed
// out (supercluster). No default marker images and no request outside this server in offline
// mode: circles are drawn on canvas, clusters are divIcons.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import './map.css'
import Supercluster from 'supercluster'
import type { Basemap, MapProject } from '@/api/map'
import {
  categories,
  categoryColour,
  categoryOf,
  clusterSize,
  markerRadius,
  shadeColour,
  shadeValue,
  shareGradient,
  unitFigures,
  type Bounds,
  type ColourMode,
  type ShadeMode,
} from '@/utils/map'

interface PointProps {
  id: number
  cat: string
  total: number
}
type ClusterProps = Record<string, number>

export interface ProjectMapOptions {
  dark?: boolean
  basemap: Basemap
  onSelect?: (project: MapProject) => void
  /** After every move or zoom, and after new projects: the current view's bounds. */
  onView?: (bounds: Bounds) => void
  /** The unit's tooltip text (its name and figures) when areas are shaded. */
  unitLabel?: (unitId: number, name: string) => string
  labelUnits?: boolean
}

export class ProjectMap {
  readonly map: L.Map
  private readonly renderer: L.Canvas
  private readonly clusters: L.LayerGroup
  private readonly points: L.LayerGroup
  // Every project's circle once made, and those on the map now: a redraw adds and removes
  // only the difference (remaking hundreds of canvas paths at every zoom step was most of
  // its time; bench/map.mjs).
  private circles = new Map<number, L.CircleMarker>()
  private shown = new Set<number>()
  private readonly areas: L.GeoJSON
  private readonly roads: L.GeoJSON
  private readonly boundary: L.GeoJSON
  private index: Supercluster<PointProps, ClusterProps> | null = null
  private projects = new Map<number, MapProject>()
  private mode: ColourMode = 'status'
  private shade: ShadeMode = 'none'
  private picking: ((lng: number, lat: number) => void) | null = null
  private districtBounds: L.LatLngBounds | null = null
  private highlighted: L.CircleMarker | null = null
  /** What the last redraw drew, for drawnSummary(). */
  private drawn: { points: { id: number; fill: string; x: number; y: number }[]; clusters: { count: number; counts: Record<string, number> }[] } = {
    points: [],
    clusters: [],
  }

  constructor(el: HTMLElement, private readonly options: ProjectMapOptions) {
    this.renderer = L.canvas({ padding: 0.3, tolerance: 4 })
    this.map = L.map(el, {
      preferCanvas: true,
      renderer: this.renderer,
      zoomSnap: 0.5,
      attributionControl: Boolean(options.basemap.tile_url),
      minZoom: 3,
      maxZoom: options.basemap.tile_url ? options.basemap.max_zoom : 19,
    })
    this.map.setView([34.72, 113.71], 12)
    if (options.basemap.tile_url) {
      L.tileLayer(options.basemap.tile_url, {
        attribution: options.basemap.attribution,
        maxZoom: options.basemap.max_zoom,
        subdomains: options.basemap.subdomains || 'abc',
        className: options.dark ? 'tj-dark-tiles' : '',
      }).addTo(this.map)
    }
    const dark = Boolean(options.dark)
    this.boundary = L.geoJSON(undefined, {
      style: () => ({
        color: dark ? '#5ec8ff' : '#3a6ea5',
        weight: dark ? 3 : 2.5,
        fillColor: dark ? '#0f2238' : '#ffffff',
        fillOpacity: options.basemap.tile_url ? 0 : dark ? 0.9 : 0.85,
        dashArray: '8 4',
      }),
      interactive: false,
    }).addTo(this.map)
    this.areas = L.geoJSON(undefined, {
      style: () => this.areaStyle(null),
      onEachFeature: (feature, layer) => {
        const props = (feature.properties ?? {}) as { unit_id?: number; unit_name?: string }
        if (props.unit_id !== undefined && options.labelUnits !== false) {
          layer.bindTooltip(() => this.unitTooltip(props.unit_id!, props.unit_name ?? ''), {
            sticky: true,
            className: 'tj-unit-tip',
          })
        }
      },
    }).addTo(this.map)
    this.roads = L.geoJSON(undefined, {
      style: (f) => {
        const cls = (f?.properties as { class?: string } | undefined)?.class
        const major = cls === 'motorway' || cls === 'trunk'
        return {
          color: dark ? (major ? '#8aa4c8' : '#5d7190') : major ? '#f0b36b' : '#c8ccd4',
          weight: major ? 4 : 2.5,
          opacity: 0.9,
        }
      },
      interactive: false,
    }).addTo(this.map)
    this.points = L.layerGroup().addTo(this.map)
    this.clusters = L.layerGroup().addTo(this.map)
    this.map.on('moveend zoomend', () => this.redraw())
    this.map.on('click', (e: L.LeafletMouseEvent) => {
      if (!this.picking) return
      const pick = this.picking
      this.stopPicking()
      pick(e.latlng.lng, e.latlng.lat)
    })
  }

  private areaStyle(fill: string | null): L.PathOptions {
    const dark = Boolean(this.options.dark)
    return {
      color: dark ? '#3f6b99' : '#7a9cc6',
      weight: 1,
      fillColor: fill ?? (dark ? '#14304d' : '#f4f7fb'),
      fillOpacity: fill ? 0.55 : dark ? 0.6 : 0.5,
    }
  }

  private unitTooltip(unitId: number, name: string): string {
    return this.options.unitLabel ? this.options.unitLabel(unitId, name) : name
  }

  setLayers(layers: { boundary?: GeoJSON.FeatureCollection; roads?: GeoJSON.FeatureCollection; units?: GeoJSON.FeatureCollection }) {
    this.boundary.clearLayers()
    this.areas.clearLayers()
    this.roads.clearLayers()
    if (layers.boundary) this.boundary.addData(layers.boundary)
    if (layers.units) this.areas.addData(layers.units)
    if (layers.roads) this.roads.addData(layers.roads)
    const b = this.boundary.getBounds()
    this.districtBounds = b.isValid() ? b : null
  }

  /** Fits the district (or, without a boundary, the projects). */
  fit(padding = 20) {
    let b = this.districtBounds
    if (!b && this.projects.size) {
      b = L.latLngBounds([...this.projects.values()].map((p) => [p.lat, p.lng] as [number, number]))
    }
    if (b) this.map.fitBounds(b, { padding: [padding, padding] })
  }

  setProjects(items: readonly MapProject[], mode: ColourMode) {
    this.mode = mode
    this.projects = new Map(items.map((p) => [p.id, p]))
    this.points.clearLayers()
    this.circles.clear()
    this.shown.clear()
    const cats = categories(mode)
    this.index = new Supercluster<PointProps, ClusterProps>({
      radius: 56,
      maxZoom: 16,
      map: (props) => {
        const out: ClusterProps = { total: props.total }
        for (const c of cats) out[c] = props.cat === c ? 1 : 0
        return out
      },
      reduce: (acc, props) => {
        for (const k of Object.keys(props)) acc[k] = (acc[k] ?? 0) + (props[k] ?? 0)
      },
    })
    this.index.load(
      items.map((p) => ({
        type: 'Feature' as const,
        properties: { id: p.id, cat: categoryOf(p, mode), total: p.total },
        geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      })),
    )
    this.redraw()
    this.applyShading()
  }

  setShading(shade: ShadeMode) {
    this.shade = shade
    this.applyShading()
  }

  private applyShading() {
    const figures = unitFigures([...this.projects.values()])
    const values: number[] = []
    this.areas.eachLayer((layer) => {
      const id = ((layer as L.GeoJSON).feature as GeoJSON.Feature | undefined)?.properties?.unit_id as number | undefined
      const v = shadeValue(id === undefined ? undefined : figures.get(id), this.shade)
      if (v !== null) values.push(v)
    })
    const min = this.shade === 'rate' ? 0 : Math.min(...values, 0)
    const max = this.shade === 'rate' ? 1 : Math.max(...values, 1)
    this.areas.eachLayer((layer) => {
      const id = ((layer as L.GeoJSON).feature as GeoJSON.Feature | undefined)?.properties?.unit_id as number | undefined
      const v = shadeValue(id === undefined ? undefined : figures.get(id), this.shade)
      ;(layer as L.Path).setStyle(this.areaStyle(this.shade === 'none' ? null : shadeColour(v, min, max, this.shade)))
    })
  }

  bounds(): Bounds {
    const b = this.map.getBounds()
    return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }
  }

  private redraw() {
    this.clusters.clearLayers()
    this.drawn = { points: [], clusters: [] }
    if (!this.index) return
    const now = new Set<number>()
    const b = this.map.getBounds().pad(0.1)
    const zoom = Math.round(this.map.getZoom())
    const cats = categories(this.mode)
    const dark = Boolean(this.options.dark)
    for (const f of this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
      const [lng, lat] = f.geometry.coordinates as [number, number]
      const props = f.properties as (PointProps | (ClusterProps & { cluster: true; cluster_id: number; point_count: number }))
      if ('cluster' in props && props.cluster) {
        const n = props.point_count
        const size = clusterSize(n)
        const ring = shareGradient(props, cats, (c) => categoryColour(c, this.mode))
        const icon = L.divIcon({
          className: 'tj-cluster',
          iconSize: [size, size],
          html: `<div class="tj-cluster-ring" style="width:${size}px;height:${size}px;background:${ring}"><span class="tj-cluster-count${dark ? ' dark' : ''}">${n}</span></div>`,
        })
        const marker = L.marker([lat, lng], { icon, keyboard: false })
        marker.on('click', () => {
          const to = Math.min(this.index!.getClusterExpansionZoom(props.cluster_id), 18)
          this.map.flyTo([lat, lng], to, { duration: 0.4 })
        })
        this.clusters.addLayer(marker)
        const counts: Record<string, number> = {}
        for (const c of cats) counts[c] = props[c] ?? 0
        this.drawn.clusters.push({ count: n, counts })
        continue
      }
      const p = this.projects.get((props as PointProps).id)
      if (!p) continue
      now.add(p.id)
      const at = this.map.latLngToContainerPoint([lat, lng])
      this.drawn.points.push({ id: p.id, fill: categoryColour(categoryOf(p, this.mode), this.mode), x: at.x, y: at.y })
      if (this.shown.has(p.id)) continue
      this.points.addLayer(this.circle(p))
    }
    for (const id of this.shown) {
      if (!now.has(id)) this.points.removeLayer(this.circles.get(id)!)
    }
    this.shown = now
    this.options.onView?.(this.bounds())
  }

  private circle(p: MapProject): L.CircleMarker {
    const made = this.circles.get(p.id)
    if (made) return made
    const dark = Boolean(this.options.dark)
    const circle = L.circleMarker([p.lat, p.lng], {
      renderer: this.renderer,
      radius: markerRadius(p.total),
      color: dark ? '#0b1726' : '#ffffff',
      weight: 1.5,
      fillColor: categoryColour(categoryOf(p, this.mode), this.mode),
      fillOpacity: 0.9,
    })
    circle.bindTooltip(p.name, { direction: 'top', offset: [0, -6] })
    circle.on('click', (e) => {
      L.DomEvent.stopPropagation(e)
      if (this.picking) return
      this.highlight(circle)
      this.options.onSelect?.(p)
    })
    this.circles.set(p.id, circle)
    return circle
  }

  private highlight(circle: L.CircleMarker) {
    this.highlighted?.setStyle({ weight: 1.5, color: this.options.dark ? '#0b1726' : '#ffffff' })
    circle.setStyle({ weight: 3, color: '#1f2d3d' })
    circle.bringToFront()
    this.highlighted = circle
  }

  /** Flies to a project and opens it. */
  focus(id: number) {
    const p = this.projects.get(id)
    if (!p) return
    this.map.setView([p.lat, p.lng], Math.max(this.map.getZoom(), 16))
    this.options.onSelect?.(p)
  }

  /** The next click on the map gives a position (WGS-84, as the map is drawn) instead of selecting. */
  startPicking(onPick: (lng: number, lat: number) => void) {
    this.picking = onPick
    this.map.getContainer().classList.add('tj-picking')
  }

  stopPicking() {
    this.picking = null
    this.map.getContainer().classList.remove('tj-picking')
  }

  /**
   * What is drawn now, for browser tests and the bench: every single project with its fill
   * and its position in the map's container (pixels), every cluster with its counts.
   */
  drawnSummary() {
    return this.drawn
  }

  invalidate() {
    this.map.invalidateSize()
  }

  destroy() {
    this.map.remove()
  }
}
