/**
 * The api's permission table, enforced by the dispatcher on a real node: every method, called
 * by every kind of caller. New methods are covered as soon as they are in the spec.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { permissions, type CallerKind } from '../../electron/node/api/permissions.ts'
import { methodNames, type MethodName } from '../../electron/node/api/spec.ts'
import type { AccountView } from '../../electron/node/identity/types.ts'
import type { RecordView } from '../../electron/node/records/types.ts'
import { uploadFile } from '../helpers/clinic.ts'
import { PASS, setUpClinic, type Call } from '../helpers/clinic-setup.ts'
import { startTestNode } from '../helpers/node.ts'

/** What a call was answered with: the error code, or 'ok'. */
async function outcome(call: Call, method: string, input?: unknown): Promise<string> {
  return call(method, input).then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  )
}

describe('every api method refuses the callers its declaration leaves out', async () => {
  const { call } = await startTestNode()

  // Before any network exists, the setup wizard joins one signed out.
  const joinedSignedOut = await outcome(call, 'setup.joinNetwork', { siteConfig: '{}' })

  const { network, nurse, patient } = await setUpClinic(call)
  const patientAddress = patient.patient.address
  const admin = network.admin
  const signIn = (address: string, passphrase = PASS) =>
    call('session.signIn', { address, passphrase })

  /** An account that asked to join the clinic as `role`; approved unless `pending`. */
  async function registerStaff(role: string, nationalId: string, approve: boolean) {
    const { address } = await call<{ address: string }>('accounts.create', {
      label: role,
      passphrase: PASS,
    })
    await signIn(address)
    await call('staff.register', {
      institution: network.institution.id,
      role,
      identity: { name: `A ${role}`, nationalId, licenceNumber: `LIC-${role}` },
    })
    if (approve) {
      await signIn(network.admin)
      await call('staff.approve', { account: address })
    }
    return address
  }
  const auditor = await registerStaff('auditor', 'B123456780', true)
  const physician = await registerStaff('physician', 'C223456783', true)
  const pending = await registerStaff('physician', 'A123456789', false)
  await call('session.signOut')
  await call<AccountView>('accounts.importKeystore', {
    label: 'Patient',
    json: patient.keystoreJson,
    passphrase: patient.passphrase,
  })

  /**
   * Each kind of caller, with the kinds it must count as: written out here rather than taken
   * from the node, so a wrong resolution of the caller fails too.
   */
  interface Caller {
    who: string
    signIn?: () => Promise<unknown>
    is: CallerKind[]
    notYetActive?: boolean
  }
  const callers: Caller[] = [
    { who: 'nobody signed in', is: ['anyone'] },
    {
      who: 'pending staff',
      signIn: () => signIn(pending),
      is: ['anyone', 'signedIn'],
      notYetActive: true,
    },
    { who: 'a nurse', signIn: () => signIn(nurse), is: ['anyone', 'signedIn', 'staff'] },
    { who: 'a physician', signIn: () => signIn(physician), is: ['anyone', 'signedIn', 'staff'] },
    {
      who: 'an auditor',
      signIn: () => signIn(auditor),
      is: ['anyone', 'signedIn', 'staff', 'auditor'],
    },
    {
      who: 'an administrator',
      signIn: () => signIn(network.admin),
      is: ['anyone', 'signedIn', 'staff', 'admin'],
    },
    {
      who: 'the governor',
      signIn: () => signIn(network.governor),
      is: ['anyone', 'signedIn', 'governor'],
    },
    {
      who: 'a patient',
      signIn: () => signIn(patientAddress, patient.passphrase),
      is: ['anyone', 'signedIn', 'patient'],
    },
  ]

  /** How a caller the method leaves out is refused. */
  function refusal(caller: Caller, method: MethodName): string {
    if (!caller.signIn) return 'ERR_VAULT_LOCKED'
    // Staff not yet approved are told so where active staff may call.
    if (caller.notYetActive && permissions[method].callers.includes('staff')) {
      return 'ERR_NOT_ACTIVE_STAFF'
    }
    return 'ERR_FORBIDDEN'
  }

  for (const caller of callers) {
    test(`${caller.who}: admitted exactly to the methods declared for them`, async () => {
      await call('session.signOut')
      await caller.signIn?.()
      const wrong: string[] = []
      for (const method of methodNames) {
        const admitted = permissions[method].callers.some((kind) => caller.is.includes(kind))
        // Not an input of any method: an admitted caller gets past the permission to the input
        // check, and no handler runs.
        const answer = await outcome(call, method, 'not an input')
        const expected = admitted ? 'ERR_INVALID_INPUT' : refusal(caller, method)
        if (answer !== expected) wrong.push(`${method}: ${answer}, expected ${expected}`)
      }
      assert.deepEqual(wrong, [])
    })
  }

  test('what the issue found open while signed out is refused, with real inputs', async () => {
    await call('session.signOut')
    const attempts: [string, unknown][] = [
      ['settings.update', { ipfs: { listenPort: 0, peers: [] } }],
      ['setup.joinNetwork', { siteConfig: '{}' }],
      ['patients.search', { query: 'Wang' }],
      ['staff.list', {}],
      ['records.list', { patient: patientAddress }],
      ['access.overview', { patient: patientAddress }],
      ['emergency.list', {}],
      ['accounts.exportKeystore', { address: network.governor }],
      ['audit.timeline', {}],
    ]
    for (const [method, input] of attempts) {
      assert.equal(await outcome(call, method, input), 'ERR_VAULT_LOCKED', method)
    }
  })

  test('anyone changes the language; only an administrator the network settings', async () => {
    await call('session.signOut')
    assert.equal(await outcome(call, 'settings.update', { language: 'zh-TW' }), 'ok')
    const swarm = { ipfs: { listenPort: 0, peers: [] } }
    assert.equal(await outcome(call, 'settings.update', swarm), 'ERR_VAULT_LOCKED')
    const idle = { security: { idleLockMinutes: 5 } }
    await signIn(nurse)
    assert.equal(await outcome(call, 'settings.update', swarm), 'ERR_FORBIDDEN')
    assert.equal(await outcome(call, 'settings.update', idle), 'ERR_FORBIDDEN')
    assert.equal(await outcome(call, 'settings.update', { language: 'en' }), 'ok')
    await signIn(admin)
    assert.equal(await outcome(call, 'settings.update', idle), 'ok')
  })

  test('joining another network: signed out only while the node has none', async () => {
    assert.equal(joinedSignedOut, 'ERR_INVALID_INPUT')
    await signIn(nurse)
    assert.equal(await outcome(call, 'setup.joinNetwork', { siteConfig: '{}' }), 'ERR_FORBIDDEN')
    await signIn(network.admin)
    assert.equal(
      await outcome(call, 'setup.joinNetwork', { siteConfig: '{}' }),
      'ERR_INVALID_INPUT',
    )
  })

  test('a key file is exported only by its signed-in owner', async () => {
    await signIn(nurse)
    assert.equal(await outcome(call, 'accounts.exportKeystore', { address: nurse }), 'ok')
    assert.equal(
      await outcome(call, 'accounts.exportKeystore', { address: network.governor }),
      'ERR_FORBIDDEN',
    )
  })

  test("a patient sees their own chart and access, not another patient's", async () => {
    await signIn(patientAddress, patient.passphrase)
    for (const method of ['records.list', 'access.overview']) {
      assert.equal(await outcome(call, method, { patient: patientAddress }), 'ok', method)
      assert.equal(await outcome(call, method, { patient: nurse }), 'ERR_FORBIDDEN', method)
    }
  })

  test('the refusal names who may call', async () => {
    await signIn(nurse)
    await assert.rejects(call('audit.timeline', {}), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'ERR_FORBIDDEN')
      assert.match(error.message, /administrator, an auditor or a registered patient/)
      return true
    })
  })

  test('staff without access see that a record exists, not its title or file name', async () => {
    await signIn(nurse)
    await uploadFile(call, {
      patient: patientAddress,
      bytes: randomBytes(2000),
      title: 'HIV test result',
      fileName: 'hiv-result.pdf',
      mime: 'application/pdf',
    })
    const chartAs = async (who: string, passphrase = PASS) => {
      await signIn(who, passphrase)
      const [record] = await call<RecordView[]>('records.list', { patient: patientAddress })
      return record!.versions[0]!
    }
    const unseen = await chartAs(physician)
    assert.equal(unseen.details, null)
    assert.deepEqual(unseen.withheld, { category: 'imaging', dateOfCare: '2026-11-20' })
    assert.doesNotMatch(JSON.stringify(unseen), /HIV|hiv-result/)

    assert.equal((await chartAs(nurse)).details?.title, 'HIV test result')
    assert.equal(
      (await chartAs(patientAddress, patient.passphrase)).details?.fileName,
      'hiv-result.pdf',
    )
    await call('access.grant', { patient: patientAddress, reader: physician })
    const granted = await chartAs(physician)
    assert.equal(granted.details?.title, 'HIV test result')
    assert.equal(granted.withheld, undefined)
  })
})
