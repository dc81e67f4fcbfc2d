import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultSettings } from '../../electron/node/settings/schema.ts'
import { parseForm, toFormValues } from '../../renderer/src/features/settings/form.ts'

describe('the settings form', () => {
  const values = toFormValues(defaultSettings)

  it('turns the saved settings into a patch of every section it edits', () => {
    const parsed = parseForm({ ...values, idleLockMinutes: 5, anchorEveryMinutes: 15 })
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.patch.security, { idleLockMinutes: 5 })
    assert.deepEqual(parsed.patch.audit, { anchorEveryMinutes: 15 })
    assert.deepEqual(parsed.patch.chain, defaultSettings.chain)
  })

  it('points a refused value at its own field, and an empty one is refused, not taken as 0', () => {
    const parsed = parseForm({ ...values, idleLockMinutes: 0, anchorEveryMinutes: '' })
    assert.equal(parsed.ok, false)
    assert.deepEqual(!parsed.ok && parsed.errors, {
      idleLockMinutes: { messageKey: 'settings.invalidIdleLockMinutes' },
      anchorEveryMinutes: { messageKey: 'settings.invalidAnchorEveryMinutes' },
    })
  })

  it('marks the wrong lines of the peer list', () => {
    const parsed = parseForm({ ...values, peers: '/ip4/10.0.0.5/tcp/4001\n\nnot a peer' })
    assert.deepEqual(!parsed.ok && parsed.errors.peers, {
      messageKey: 'settings.invalidPeers',
      lines: [3],
    })
  })
})
