import assert from 'node:assert/strict'
import { test } from 'node:test'
import en from '../../renderer/src/i18n/en.json' with { type: 'json' }
import zhTW from '../../renderer/src/i18n/zh-TW.json' with { type: 'json' }

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  )
}

test('English and Traditional Chinese have the same keys, none empty', () => {
  assert.deepEqual(keys(zhTW).sort(), keys(en).sort())
  for (const [name, tree] of [
    ['en', en],
    ['zh-TW', zhTW],
  ] as const) {
    const empty = keys(tree).filter(
      (key) =>
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) === '',
    )
    assert.deepEqual(empty, [], `${name} has empty strings`)
  }
})
