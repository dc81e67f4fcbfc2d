import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { cp } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { listEmergencies } from '../../electron/node/access/emergency.ts'
import {
  automaticReleaseStatus,
  unsealReleaser,
} from '../../electron/node/access/emergency-releaser.ts'
import type {
  AccessActionResult,
  EmergencyPolicyView,
  EmergencyView,
} from '../../electron/node/access/types.ts'
import { decodeManifest } from '../../electron/node/records/manifest.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import type { NodeStatus } from '../../electron/node/status.ts'
import { nodeSecretFromEnvironment } from '../../electron/node/vault/node-secret.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'
import { waitFor } from '../helpers/wait.ts'

const expectCode = (code: string) => (error: { code?: string }) => error.code === code

const secretOf = (value: string) => nodeSecretFromEnvironment({ EMR_NODE_SECRET: value })

describe('break-the-glass on a single node with nobody signed in', async () => {
  const secret = randomBytes(32).toString('hex')
  const { node, call, dataDir, stop, network, nurse, patient } = await startClinic({
    nodeSecret: secretOf(secret),
  })
  const patientAddress = patient.patient.address
  const institution = network.institution.id
  const consent = { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase }
  const signIn = (address: string) => call('session.signIn', { address, passphrase: PASS })
  const policy = () => call<EmergencyPolicyView>('emergency.policy', { institution })

  /** A staff member of the clinic, registered directly by the admin. */
  async function addStaff(label: string, role: string, nationalId: string) {
    const { address } = await call<{ address: string }>('accounts.create', {
      label,
      passphrase: PASS,
    })
    await signIn(network.admin)
    await call('staff.registerDirect', {
      account: address,
      role,
      identity: { name: label, nationalId, licenceNumber: `LIC-${label.length}` },
    })
    return getAddress(address)
  }
  const onCallNurse = await addStaff('Nurse Wu', 'nurse', 'E223456785')
  const technician = await addStaff('Tech Lee', 'technician', 'G123456785')

  // One record before automatic release exists, one after, one the patient restricts.
  await signIn(nurse)
  const allergies = Buffer.from('Allergic to penicillin.\n')
  const before = await uploadFile(call, { patient: patientAddress, bytes: allergies })
  const scan = randomBytes(50_000)

  test('the default rules: physicians and nurses declare; automatic release is off', async () => {
    await signIn(nurse)
    const rules = await policy()
    assert.deepEqual(rules.roles, ['physician', 'nurse'])
    assert.equal(rules.automaticRelease.on, false)
    assert.equal(rules.automaticRelease.nodeSecret, 'environment')
    assert.equal((await call<NodeStatus>('node.status')).nodeSecret, 'environment')
  })

  test('an administrator turns automatic release on; older keys reach the releaser', async () => {
    await signIn(network.admin)
    const enabled = await call<{ releaser: string; keysWrapped: number }>(
      'emergency.enableAutomaticRelease',
    )
    assert.equal(enabled.keysWrapped, 1)
    const rules = await policy()
    assert.equal(rules.automaticRelease.on, true)
    assert.equal(rules.automaticRelease.heldHere, true)
    assert.equal(rules.automaticRelease.releaser, enabled.releaser)

    // A version added now wraps its key for the releaser too, as a custodian.
    await signIn(nurse)
    const after = await uploadFile(call, { patient: patientAddress, bytes: scan })
    const manifest = decodeManifest(await node.ipfs.getBlock(CID.parse(after.cid)))
    assert.ok(manifest.keys.some((k) => k.reader === enabled.releaser && k.role === 'custodian'))
    await call<AccessActionResult>('access.restrict', {
      patient: patientAddress,
      recordId: after.recordId,
      restricted: true,
      consent,
    })
  })

  test('a technician is refused with a typed error', async () => {
    await signIn(technician)
    await assert.rejects(
      call('emergency.declare', { patient: patientAddress, reason: 'life-threatening' }),
      expectCode('ERR_ROLE_CANNOT_DECLARE_EMERGENCY'),
    )
  })

  test('a nurse declares, signs out, and the node releases the keys with nobody signed in', async () => {
    await signIn(onCallNurse)
    await call('emergency.declare', { patient: patientAddress, reason: 'unconscious-patient' })
    await call('session.signOut')
    // Signed out, the api answers nothing; the node's own list is what its release pass reads.
    const released = await waitFor(async () => {
      const [latest] = await listEmergencies(node, { activeOnly: true })
      return latest?.keysReleasedAt ? latest : null
    })
    assert.equal(released.staff.address, onCallNurse)
    assert.equal(released.automaticRelease, true)
    assert.equal(node.vault.session(), null)

    await signIn(onCallNurse)
    const opened = await call<OpenedRecord>('records.open', { cid: before.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), allergies)
    const [emergency] = await call<EmergencyView[]>('emergency.list', { activeOnly: true })
    assert.equal(emergency!.readsLogged, 1)
  })

  test('the released bundle leaves out the record the patient restricted', async () => {
    const [emergency] = await call<EmergencyView[]>('emergency.list', { activeOnly: true })
    const bundle = JSON.parse(
      new TextDecoder().decode(await node.ipfs.getBlock(CID.parse(emergency!.keyBundleCid!))),
    ) as { keys: { manifest: string }[] }
    assert.deepEqual(
      bundle.keys.map((k) => k.manifest),
      [before.cid],
    )
  })

  test('an administrator lets technicians declare too', async () => {
    await signIn(network.admin)
    const set = await call<{ roles: string[] }>('emergency.setRoles', {
      roles: ['physician', 'nurse', 'technician'],
    })
    assert.deepEqual(set.roles, ['physician', 'nurse', 'technician'])
    await signIn(technician)
    const declared = await call<EmergencyView>('emergency.declare', {
      patient: patientAddress,
      reason: 'urgent-treatment',
    })
    assert.equal(declared.staff.address, technician)
  })

  test('a copy of the data folder without the secret cannot unseal the releaser key', async () => {
    await stop()
    const copy = await tempDir('emr-copied-')
    await cp(dataDir, copy, { recursive: true })

    const withoutSecret = await startTestNode({ dataDir: copy })
    assert.equal(await unsealReleaser(withoutSecret.node, institution), null)
    const status = await automaticReleaseStatus(withoutSecret.node, institution)
    assert.equal(status.heldHere, false)
    assert.equal(status.nodeSecret, null)
    assert.equal((await withoutSecret.node.status()).nodeSecret, null)
    await withoutSecret.stop()

    const withAnotherSecret = await startTestNode({
      dataDir: copy,
      nodeSecret: secretOf(randomBytes(32).toString('hex')),
    })
    await assert.rejects(
      unsealReleaser(withAnotherSecret.node, institution),
      expectCode('ERR_NODE_SECRET_MISMATCH'),
    )
    const mismatch = await automaticReleaseStatus(withAnotherSecret.node, institution)
    assert.equal(mismatch.heldHere, false)
    assert.equal(mismatch.sealedByAnotherSecret, true)
    await withAnotherSecret.stop()
  })
})
