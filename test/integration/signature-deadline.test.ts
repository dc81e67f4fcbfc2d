import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { JsonRpcProvider } from 'ethers'
import type { AccessActionResult } from '../../electron/node/access/types.ts'
import type { PatientRegistration } from '../../electron/node/identity/types.ts'
import { startClinic } from '../helpers/clinic.ts'

describe('a consent relayed after the chain was idle for an hour', async () => {
  const { node, call, nurse, patient } = await startClinic()
  const chain = node.chain.provider as JsonRpcProvider

  /**
   * The chain's latest block is an hour old, while the next block is mined at the current time:
   * what a consortium chain that mines only on demand looks like after a quiet hour.
   */
  async function idleForAnHour() {
    await chain.send('evm_setTime', [Date.now() - 3_600_000])
    await chain.send('evm_mine', [])
    await chain.send('evm_setTime', [Date.now()])
    const latest = await chain.getBlock('latest')
    assert.ok(latest!.timestamp < Date.now() / 1000 - 3_000, 'the latest block is old')
  }

  test("a patient's grant, signed at the nurse's desk, is mined", async () => {
    await idleForAnHour()
    const granted = await call<AccessActionResult>('access.grant', {
      patient: patient.patient.address,
      reader: nurse,
      consent: { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase },
    })
    assert.equal(granted.via, 'relayed-signature')
    const mined = await chain.getBlock(granted.receipt.blockNumber)
    assert.ok(mined!.timestamp > Date.now() / 1000 - 3_000, 'mined at the current time')
  })

  test("a patient's registration, signed at the desk, is mined", async () => {
    await idleForAnHour()
    const registered = await call<PatientRegistration>('patients.register', {
      name: 'Lee Mei-Ling',
      medicalRecordNumber: 'MRN-2',
      birthDate: '1975-05-05',
    })
    assert.ok(registered.receipt.blockNumber > 0)
  })
})
