import { describe, expect, it } from 'vitest'
import { buildTree, subtreeIds } from './tree'

const units = [
  { id: 1, parent_id: null, name: '区政府', sort_order: 0 },
  { id: 4, parent_id: 1, name: '经开区', sort_order: 2 },
  { id: 3, parent_id: 1, name: '城关镇', sort_order: 1 },
  { id: 5, parent_id: 3, name: '某社区', sort_order: 0 },
  { id: 9, parent_id: 42, name: '孤儿', sort_order: 0 },
]

describe('buildTree', () => {
  it('nests by parent_id and sorts siblings', () => {
    const tree = buildTree(units)
    expect(tree.map((n) => n.id)).toEqual([1, 9])
    expect(tree[0]!.children!.map((n) => n.name)).toEqual(['城关镇', '经开区'])
    expect(tree[0]!.children![0]!.children!.map((n) => n.id)).toEqual([5])
    expect(tree[0]!.children![1]!.children).toBeUndefined()
  })
  it('does not mutate its input', () => {
    buildTree(units)
    expect('children' in units[0]!).toBe(false)
  })
})

describe('subtreeIds', () => {
  it('collects a node and its descendants', () => {
    expect([...subtreeIds(units, 3)].sort()).toEqual([3, 5])
    expect([...subtreeIds(units, 1)].sort()).toEqual([1, 3, 4, 5])
  })
})
