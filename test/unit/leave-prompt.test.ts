import assert from 'node:assert/strict'
import { test } from 'node:test'
import { askBeforeUnload, leavePromptText } from '../../electron/main/leave-prompt.ts'

/** A fake WebContents that fires `will-prevent-unload` and reports whether it was overridden. */
function unloadWith(answer: boolean): { asked: number; unloads: boolean } {
  let handler: ((event: { preventDefault(): void }) => void) | undefined
  const contents = {
    on: (name: string, listener: typeof handler) => {
      assert.equal(name, 'will-prevent-unload')
      handler = listener
    },
  }
  let asked = 0
  askBeforeUnload(contents as never, () => {
    asked += 1
    return answer
  })
  let unloads = false
  handler!({ preventDefault: () => void (unloads = true) })
  return { asked, unloads }
}

test('a page that asks before unloading goes when the user says leave', () => {
  assert.deepEqual(unloadWith(true), { asked: 1, unloads: true })
})

test('and stays as it is when the user says stay', () => {
  assert.deepEqual(unloadWith(false), { asked: 1, unloads: false })
})

test('the dialog has its words in both languages', () => {
  const english = Object.keys(leavePromptText.en).sort()
  assert.deepEqual(Object.keys(leavePromptText['zh-TW']).sort(), english)
  for (const text of Object.values(leavePromptText['zh-TW'])) assert.match(text, /\S/)
})
