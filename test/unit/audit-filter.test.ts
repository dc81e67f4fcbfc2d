import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  choiceAfterTyping,
  isFiltering,
  noFilter,
  toAuditFilter,
} from '../../renderer/src/features/audit/filter.ts'

const nurse = '0x2222222222222222222222222222222222222222'

const typing: [string, string, string, string][] = [
  ['the text is emptied', nurse, '', ''],
  ['the text is emptied down to spaces', nurse, '   ', ''],
  ['the text is being changed to search for someone else', nurse, 'Wang', nurse],
  ["the chosen person's label is shown again", nurse, 'Chen Ya-Ting · Nurse', nurse],
  ['nobody is chosen and the text is emptied', '', '', ''],
]
for (const [what, chosen, text, expected] of typing) {
  test(`a picker's choice when ${what}`, () => {
    assert.equal(choiceAfterTyping(chosen, text), expected)
  })
}

test('a field cleared by emptying its text filters no more', () => {
  const filtering = { ...noFilter, actor: nurse, action: 'record-read' as const }
  const cleared = { ...filtering, actor: choiceAfterTyping(filtering.actor, '') }
  assert.deepEqual(toAuditFilter(cleared), { action: 'record-read' })
  const allCleared = { ...cleared, action: '' as const }
  assert.equal(isFiltering(allCleared), false)
  assert.deepEqual(toAuditFilter(allCleared), {})
})

test('cleared dates drop out of the filter', () => {
  const dated = { ...noFilter, from: '2026-11-01', to: '2026-11-30' }
  assert.deepEqual(toAuditFilter(dated), { from: '2026-11-01', to: '2026-11-30' })
  assert.deepEqual(toAuditFilter({ ...dated, from: '' }), { to: '2026-11-30' })
})
