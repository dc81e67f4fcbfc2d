import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  defaultEmergencyRoles,
  roleMaskOf,
  rolesOfMask,
} from '../../electron/node/access/emergency-roles.ts'
import { staffRoles } from '../../electron/node/identity/schemas.ts'

describe("an institution's emergency roles as the registry's mask", () => {
  test('bit i is role code i: physicians and nurses are 0b110', () => {
    assert.equal(roleMaskOf(defaultEmergencyRoles), 0b110)
    assert.equal(roleMaskOf(['administrator']), 1 << 5)
    assert.equal(roleMaskOf([]), 0)
  })

  test('every set of roles survives the round trip, in the registry order', () => {
    for (let subset = 0; subset < 1 << staffRoles.length; subset++) {
      const roles = staffRoles.filter((_, i) => subset & (1 << i))
      assert.deepEqual(rolesOfMask(roleMaskOf([...roles].reverse())), roles)
    }
  })
})
