import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AuditEntry } from '../../electron/node/access/types.ts'
import type {
  SessionView,
  StaffIdentityView,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'
import { PASS, startClinic } from '../helpers/clinic.ts'

const IDENTITY = { name: 'Huang Li', nationalId: 'C123456781', licenceNumber: 'MD-2001' }

/**
 * What an administrator sees and records when deciding on staff: the registration with the IC
 * card's data (where this node holds it), a rejection the applicant is told of, and a
 * suspension's reason kept on this node only.
 */
describe('reviewing, rejecting and suspending staff', async () => {
  const { node, call, network, nurse } = await startClinic()
  const admin = network.admin
  const expectCode = (code: string) => (error: { code?: string }) => error.code === code
  const signIn = (address: string) => call('session.signIn', { address, passphrase: PASS })
  const { address: applicant } = await call<{ address: string }>('accounts.create', {
    label: 'Dr Huang',
    passphrase: PASS,
  })

  test('the administrator sees the data to check on the card, matching the commitment on chain', async () => {
    await signIn(applicant)
    await call('staff.register', { institution: 1, role: 'physician', identity: IDENTITY })
    await signIn(admin)
    const review = await call<StaffIdentityView>('staff.identity', { account: applicant })
    assert.deepEqual(review.identity, IDENTITY)
    assert.equal(review.role, 'physician')
    assert.equal(review.institutionName, 'Taipei General')
    assert.match(review.registeredAt, /^\d{4}-\d{2}-\d{2}T/)
    const member = await node.chain.registry.getFunction('memberOf')(applicant)
    assert.equal(review.commitment, String(member.commitment).toLowerCase())
  })

  test('where the registration was made on another node, the data is not shown', async () => {
    // What another node's registration looks like here: the chain's record, no local identity.
    node.db
      .prepare('UPDATE staff_identities SET name = ? WHERE address = ?')
      .run('Someone Else', applicant.toLowerCase())
    const review = await call<StaffIdentityView>('staff.identity', { account: applicant })
    assert.equal(review.identity, null, 'data that does not open the commitment is not shown')
    node.db
      .prepare('UPDATE staff_identities SET name = ? WHERE address = ?')
      .run(IDENTITY.name, applicant.toLowerCase())
  })

  test('only administrators read the IC card data', async () => {
    await signIn(nurse)
    await assert.rejects(
      call('staff.identity', { account: applicant }),
      expectCode('ERR_FORBIDDEN'),
    )
  })

  test('a rejected applicant is told so, by whom, until they register again', async () => {
    await signIn(admin)
    await call('staff.reject', { account: applicant })
    await signIn(applicant)
    const rejected = await call<SessionView>('session.get')
    assert.equal(rejected.member.kind, 'none')
    assert.equal(rejected.staffRejection?.by.address.toLowerCase(), admin.toLowerCase())
    assert.equal(rejected.staffRejection?.by.name, 'Lin')
    assert.match(rejected.staffRejection?.at ?? '', /^\d{4}-\d{2}-\d{2}T/)

    await call('staff.register', { institution: 1, role: 'physician', identity: IDENTITY })
    const again = await call<SessionView>('session.get')
    assert.equal(again.member.status, 'pending')
    assert.equal(again.staffRejection, null)
  })

  test('a suspension needs a reason code, kept in the trail and not on chain', async () => {
    await signIn(admin)
    await assert.rejects(call('staff.suspend', { account: nurse }), expectCode('ERR_INVALID_INPUT'))
    const receipt = await call<TxReceiptView>('staff.suspend', {
      account: nurse,
      reason: 'licence-lapsed',
    })
    const sent = await node.chain.provider.getTransaction(receipt.txHash)
    // suspendStaff(address): the selector and one word, nothing else.
    assert.equal(sent?.data.length, 2 + 2 * (4 + 32))
    const trail = await call<AuditEntry[]>('audit.timeline', { action: 'staff-suspended' })
    assert.equal(trail.length, 1)
    assert.equal(trail[0]!.detail, 'suspension reason licence-lapsed')
    assert.equal(trail[0]!.subject?.address.toLowerCase(), nurse.toLowerCase())
  })
})
