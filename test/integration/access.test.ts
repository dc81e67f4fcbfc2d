import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { getAddress, type JsonRpcProvider } from 'ethers'
import { CID } from 'multiformats/cid'
import type {
  AccessActionResult,
  AccessOverview,
  AuditEntry,
  AuditVerification,
  EmergencyView,
} from '../../electron/node/access/types.ts'
import { decodeManifest } from '../../electron/node/records/manifest.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { waitFor } from '../helpers/wait.ts'

const expectCode = (code: string) => (error: { code?: string }) => error.code === code

describe('patient-controlled access, enforced by the chain, on one node', async () => {
  const { node, call, network, nurse, patient } = await startClinic()
  const patientAddress = patient.patient.address
  const consent = { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase }
  const xray = randomBytes(300_000)
  const record = await uploadFile(call, { patient: patientAddress, bytes: xray })

  /** A staff member of the clinic, registered directly by the admin. */
  async function addStaff(label: string, role: string, nationalId: string) {
    const { address } = await call<{ address: string }>('accounts.create', {
      label,
      passphrase: PASS,
    })
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    await call('staff.registerDirect', {
      account: address,
      role,
      identity: { name: label, nationalId, licenceNumber: `LIC-${label.length}` },
    })
    return getAddress(address)
  }
  const signIn = (address: string) => call('session.signIn', { address, passphrase: PASS })
  /** The patient, consenting at the nurse's workstation, restricts the record or lifts it. */
  const restrict = (restricted: boolean) =>
    call<AccessActionResult>('access.restrict', {
      patient: patientAddress,
      recordId: record.recordId,
      restricted,
      consent,
    })
  const open = (cid = record.cid) => call<OpenedRecord>('records.open', { cid })
  const physician = await addStaff('Dr Huang', 'physician', 'B123456780')
  const onCallNurse = await addStaff('Nurse Wu', 'nurse', 'C223456783')

  test('a physician who was never granted access is refused, and the refusal is logged', async () => {
    await signIn(physician)
    await assert.rejects(open(), expectCode('ERR_ACCESS_NEVER_GRANTED'))
    await signIn(network.admin)
    const trail = await call<AuditEntry[]>('audit.timeline', { action: 'read-denied' })
    assert.equal(trail.length, 1)
    assert.equal(trail[0]!.actor!.address, physician)
    assert.equal(trail[0]!.detail, 'ERR_ACCESS_NEVER_GRANTED')
    await signIn(physician)
  })

  test('the physician asks; the patient sees the request pending', async () => {
    await call('access.request', { patient: patientAddress, purpose: 'treatment' })
    const overview = await call<AccessOverview>('access.overview', { patient: patientAddress })
    assert.equal(overview.requests.length, 1)
    assert.equal(overview.requests[0]!.staff.address, physician)
    assert.equal(overview.requests[0]!.purpose, 'treatment')
    assert.equal(overview.requests[0]!.answered, false)
  })

  test("a consent with a wrong passphrase or another person's key file changes nothing", async () => {
    await signIn(nurse)
    await assert.rejects(
      call('access.grant', {
        patient: patientAddress,
        reader: physician,
        consent: { ...consent, passphrase: 'not the passphrase' },
      }),
      expectCode('ERR_WRONG_PASSPHRASE'),
    )
    const other = await call<{ keystoreJson: string; passphrase: string }>('patients.register', {
      name: 'Lee Other',
      medicalRecordNumber: 'MRN-2',
      birthDate: '1990-02-02',
    })
    await assert.rejects(
      call('access.grant', {
        patient: patientAddress,
        reader: physician,
        consent: { keystoreJson: other.keystoreJson, passphrase: other.passphrase },
      }),
      expectCode('ERR_CONSENT_MISMATCH'),
    )
    await assert.rejects(
      call('access.grant', { patient: patientAddress, reader: physician }),
      expectCode('ERR_NOT_PERMITTED'),
    )
    const overview = await call<AccessOverview>('access.overview', { patient: patientAddress })
    assert.deepEqual(overview.grants, [])
  })

  test('the patient grants through the nurse: one key bundle, relayed, within 60,000 gas', async () => {
    const granted = await call<AccessActionResult>('access.grant', {
      patient: patientAddress,
      reader: physician,
      consent,
    })
    assert.equal(granted.via, 'relayed-signature')
    assert.equal(granted.keysShared, 1)
    assert.ok(granted.keyBundleCid)
    assert.ok(Number(granted.receipt.gasUsed) <= 60_000, granted.receipt.gasUsed)
    const overview = await call<AccessOverview>('access.overview', { patient: patientAddress })
    assert.equal(overview.grants[0]!.reader.address, physician)
    assert.equal(overview.grants[0]!.state, 'active')
    assert.equal(overview.grants[0]!.expiresAt, null)
    assert.equal(overview.requests[0]!.answered, true)
  })

  test('the physician reads the record with the key from the bundle', async () => {
    await signIn(physician)
    const opened = await open()
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), xray)
  })

  let second: { cid: string }
  test("a version added while the grant runs carries the grantee's key", async () => {
    await signIn(nurse)
    second = await uploadFile(call, {
      patient: patientAddress,
      recordId: record.recordId,
      bytes: randomBytes(1000),
    })
    const manifest = decodeManifest(await node.ipfs.getBlock(CID.parse(second.cid)))
    const grantee = manifest.keys.find((k) => k.reader === physician)
    assert.equal(grantee?.role, 'grantee')
    await signIn(physician)
    await open(second.cid)
  })

  test('a restricted record is refused to the grantee, and readable again when lifted', async () => {
    await signIn(nurse)
    const restricted = await restrict(true)
    assert.equal(restricted.via, 'relayed-signature')
    await signIn(physician)
    await assert.rejects(open(), expectCode('ERR_ACCESS_RESTRICTED'))
    await signIn(nurse)
    await restrict(false)
    await signIn(physician)
    await open()
    // Restricting re-keyed version 2 (the physician held its key): this node deleted its old copy.
    await assert.rejects(open(second.cid), expectCode('ERR_VERSION_REKEYED'))
  })

  test('a suspended physician is refused, whatever the grant', async () => {
    await signIn(network.admin)
    await call('staff.suspend', { account: physician, reason: 'under-investigation' })
    await signIn(physician)
    await assert.rejects(open(), expectCode('ERR_ACCESS_SUSPENDED'))
    await signIn(network.admin)
    await call('staff.reinstate', { account: physician })
  })

  test('an account that never registered is refused as not registered', async () => {
    const { address } = await call<{ address: string }>('accounts.create', {
      label: 'Visitor',
      passphrase: PASS,
    })
    await signIn(address)
    await assert.rejects(open(), expectCode('ERR_ACCESS_NOT_REGISTERED'))
  })

  test('the patient, signed in here, revokes directly; the physician is refused at once', async () => {
    await call('accounts.importKeystore', {
      label: 'Patient',
      json: patient.keystoreJson,
      passphrase: patient.passphrase,
    })
    await call('session.signIn', { address: patientAddress, passphrase: patient.passphrase })
    const revoked = await call<AccessActionResult>('access.revoke', {
      patient: patientAddress,
      reader: physician,
    })
    assert.equal(revoked.via, 'patient-session')
    const overview = await call<AccessOverview>('access.overview', { patient: patientAddress })
    assert.equal(overview.grants[0]!.state, 'revoked')
    await signIn(physician)
    await assert.rejects(open(), expectCode('ERR_ACCESS_REVOKED'))
  })

  test('the patient reads their own trail only; nobody signed out reads it', async () => {
    await call('session.signIn', { address: patientAddress, passphrase: patient.passphrase })
    const trail = await call<AuditEntry[]>('audit.timeline', {})
    assert.ok(trail.some((e) => e.action === 'access-revoked'))
    const others = trail.filter((e) => e.patient?.address !== getAddress(patientAddress))
    assert.deepEqual(others, [])
    await call('session.signOut')
    await assert.rejects(call('audit.timeline', {}), expectCode('ERR_VAULT_LOCKED'))
  })

  test('a version added after the revocation holds no key for the revoked reader', async () => {
    await signIn(nurse)
    const third = await uploadFile(call, {
      patient: patientAddress,
      recordId: record.recordId,
      bytes: randomBytes(1000),
    })
    const manifest = decodeManifest(await node.ipfs.getBlock(CID.parse(third.cid)))
    assert.equal(
      manifest.keys.some((k) => k.reader === physician),
      false,
    )
    await signIn(physician)
    await assert.rejects(open(third.cid), expectCode('ERR_ACCESS_REVOKED'))
  })

  test('break the glass: a restriction still wins; otherwise refused until the custodian releases the keys, then read and logged', async () => {
    await signIn(onCallNurse)
    await assert.rejects(open(), expectCode('ERR_ACCESS_NEVER_GRANTED'))
    await signIn(nurse)
    await restrict(true)
    await signIn(onCallNurse)
    const declared = await call<EmergencyView>('emergency.declare', {
      patient: patientAddress,
      reason: 'unconscious-patient',
    })
    assert.equal(declared.active, true)
    assert.equal(declared.reason, 'unconscious-patient')
    assert.equal(Date.parse(declared.expiresAt) - Date.parse(declared.declaredAt), 24 * 3600 * 1000)
    assert.equal(declared.automaticRelease, false)
    await assert.rejects(open(), expectCode('ERR_ACCESS_RESTRICTED'))

    await signIn(nurse)
    await restrict(false)
    await signIn(onCallNurse)
    await assert.rejects(open(), expectCode('ERR_NO_RECORD_KEY'))

    // The administrator signs in at the custodian's node: the keys go out at the next block.
    await signIn(network.admin)
    const released = await waitFor(async () => {
      const [latest] = await call<EmergencyView[]>('emergency.list', { activeOnly: true })
      return latest?.keysReleasedAt ? latest : null
    })
    assert.equal(released.staff.address, onCallNurse)

    await signIn(onCallNurse)
    const opened = await open()
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), xray)
    const [emergency] = await call<EmergencyView[]>('emergency.list')
    assert.equal(emergency!.readsLogged, 1)
    await signIn(network.admin)
    const reads = await call<AuditEntry[]>('audit.timeline', {
      action: 'record-read',
      actor: onCallNurse,
    })
    assert.equal(reads[0]!.purpose, 'emergency')
    assert.match(reads[0]!.detail!, /during an emergency/)
  })

  test('an expired grant is refused as expired', async () => {
    await signIn(nurse)
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10)
    await call('access.grant', {
      patient: patientAddress,
      reader: physician,
      until: tomorrow,
      consent,
    })
    await signIn(physician)
    // Version 1: version 2 was re-keyed when the record was first restricted.
    await open(record.cid)
    const chain = node.chain.provider as JsonRpcProvider
    await chain.send('evm_increaseTime', [3 * 24 * 3600])
    await chain.send('evm_mine', [])
    await assert.rejects(open(record.cid), expectCode('ERR_ACCESS_EXPIRED'))
  })

  test('the read log verifies, is anchored, and a changed entry is detected', async () => {
    // The trail is the administrators' and auditors' (and each patient's own), not a nurse's.
    await signIn(nurse)
    await assert.rejects(call('audit.anchor'), expectCode('ERR_FORBIDDEN'))
    await assert.rejects(call('audit.verify'), expectCode('ERR_FORBIDDEN'))
    await signIn(network.admin)
    const anchored = await call<{ entries: number; receipt: unknown }>('audit.anchor')
    assert.ok(anchored.receipt)
    const verified = await call<AuditVerification>('audit.verify')
    assert.equal(verified.ok, true, JSON.stringify(verified.problems))
    assert.equal(verified.anchors.length, 1)
    assert.equal(verified.anchors[0]!.entries, anchored.entries)

    node.db.prepare("UPDATE read_log SET purpose = 'legal' WHERE seq = 2").run()
    const tampered = await call<AuditVerification>('audit.verify')
    assert.equal(tampered.ok, false)
    assert.deepEqual(
      tampered.problems.map((p) => [p.kind, p.seq]),
      [
        ['altered', 2],
        ['anchor-mismatch', anchored.entries],
      ],
    )
  })

  test('the trail exports as CSV and as a FHIR R4 AuditEvent bundle', async () => {
    const csv = await call<{ content: string; fileName: string }>('audit.export', {
      format: 'csv',
      filter: { patient: patientAddress },
    })
    const lines = csv.content.trim().split('\r\n')
    assert.match(lines[0]!, /^time,action,actor_address/)
    assert.ok(lines.some((l) => l.includes(',access-granted,')))
    assert.ok(lines.some((l) => l.includes(',emergency-declared,')))
    assert.ok(lines.some((l) => l.includes(',read-denied,') && l.includes('ERR_ACCESS_REVOKED')))

    const fhir = await call<{ content: string }>('audit.export', {
      format: 'fhir',
      filter: { action: 'emergency-declared' },
    })
    const bundle = JSON.parse(fhir.content)
    assert.equal(bundle.resourceType, 'Bundle')
    assert.equal(bundle.entry.length, 1)
    const event = bundle.entry[0].resource
    assert.equal(event.resourceType, 'AuditEvent')
    assert.equal(event.purposeOfEvent[0].coding[0].code, 'ETREAT')
    assert.equal(event.agent[0].who.identifier.value, `urn:ethereum:${getAddress(onCallNurse)}`)
  })
})
