/**
 * Gas ceilings of the registry's frequent operations, measured from receipts. Gas is
 * deterministic here (fixed accounts, CIDs, deadlines, expiries, hence signatures and calldata),
 * so these are exact checks of the product's ceilings.
 *
 * The tight ones hang on the ABI as much as on the code: compact (r, vs) signatures, the signer
 * as the registered patient, a CID as (prefix, digest), a key as (prefix, x), and the selectors'
 * order (solc's dispatcher tests them one by one, in ascending order, 22 gas each).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Wallet, id, type TransactionReceipt } from 'ethers'
import {
  compactSignature,
  signAccessGrant,
  signPatientKeyReissue,
  signPatientRegistration,
} from '../../electron/node/chain/eip712.ts'
import { StaffRole, splitEncryptionKey } from '../../electron/node/chain/registry-artifact.ts'
import {
  CHAIN_ID,
  INSTITUTION_A,
  cidArgs,
  cidOf,
  commitmentOf,
  createFixture,
  encryptionKeyOf,
  textCidOf,
  type Fixture,
} from './fixture.ts'

/** 2100-01-01: fixed, so that signatures and calldata (hence gas) repeat exactly. */
const DEADLINE = 4_102_444_800n
const EXPIRY = 4_102_444_800n

interface Operation {
  name: string
  /** The product's ceiling. */
  ceiling: number
  measure(f: Fixture): Promise<TransactionReceipt>
}

const OPERATIONS: Operation[] = [
  {
    name: 'staff self-registration (registerStaff)',
    ceiling: 55_000,
    measure: ({ send, accounts: { newcomer } }) =>
      send(
        newcomer,
        'registerStaff',
        INSTITUTION_A,
        StaffRole.Nurse,
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
      ),
  },
  {
    name: 'approval (approveStaff)',
    ceiling: 35_000,
    measure: ({ send, accounts: { adminA, pendingA } }) =>
      send(adminA, 'approveStaff', pendingA.address),
  },
  {
    name: 'patient self-registration (registerPatient)',
    ceiling: 55_000,
    measure: ({ send, accounts: { newcomer } }) =>
      send(newcomer, 'registerPatient', commitmentOf('n'), encryptionKeyOf(newcomer)),
  },
  {
    name: 'patient registration by signature (registerPatientBySig)',
    ceiling: 55_000,
    async measure({ send, address, accounts: { nurseA } }) {
      const desk = new Wallet(id('gas: patient at the desk'))
      const fields = {
        commitment: commitmentOf('desk'),
        encryptionPublicKey: desk.signingKey.compressedPublicKey,
        deadline: DEADLINE,
      }
      const { r, vs } = compactSignature(
        await signPatientRegistration(desk, address, CHAIN_ID, fields),
      )
      const [keyPrefix, keyX] = splitEncryptionKey(fields.encryptionPublicKey)
      const { commitment, deadline } = fields
      return send(nurseA, 'registerPatientBySig', commitment, keyPrefix, keyX, deadline, r, vs)
    },
  },
  {
    name: 'new record (anchorRecord, 36-byte binary CIDv1)',
    ceiling: 80_000,
    measure: ({ send, accounts: { physicianA, patient } }) =>
      send(physicianA, 'anchorRecord', patient.address, ...cidArgs('gas: record')),
  },
  {
    name: 'new version by the creator (anchorVersion, 36-byte binary CIDv1)',
    ceiling: 56_000,
    async measure({ send, anchor, accounts: { physicianA, patient } }) {
      await anchor(physicianA, patient, cidOf('gas: record'))
      return send(physicianA, 'anchorVersion', 1n, ...cidArgs('gas: version 2'))
    },
  },
  {
    name: 'grant (grantAccess, 46-byte key bundle CID)',
    ceiling: 60_000,
    measure: ({ send, accounts: { patient, physicianB } }) =>
      send(patient, 'grantAccess', physicianB.address, EXPIRY, textCidOf('gas: bundle')),
  },
  {
    name: 'grant by signature (grantAccessBySig, 46-byte key bundle CID)',
    ceiling: 60_000,
    async measure({ send, address, accounts: { patient, physicianB, outsider } }) {
      const fields = {
        patient: patient.address,
        reader: physicianB.address,
        expiry: EXPIRY,
        keyBundleCid: textCidOf('gas: bundle'),
        nonce: 0n,
        deadline: DEADLINE,
      }
      const { r, vs } = compactSignature(await signAccessGrant(patient, address, CHAIN_ID, fields))
      const { reader, expiry, keyBundleCid, deadline } = fields
      return send(
        outsider,
        'grantAccessBySig',
        patient.address,
        reader,
        expiry,
        keyBundleCid,
        deadline,
        r,
        vs,
      )
    },
  },
]

/** Figures printed for reference only. */
const EXTRA: Omit<Operation, 'ceiling'>[] = [
  {
    name: 'new version by a grantee of another institution',
    async measure({ send, anchor, accounts: { physicianA, physicianB, patient } }) {
      await anchor(physicianA, patient, cidOf('gas: record'))
      await send(patient, 'grantAccess', physicianB.address, 0n, textCidOf('gas: bundle'))
      return send(physicianB, 'anchorVersion', 1n, ...cidArgs('gas: version 2'))
    },
  },
  {
    name: 'revocation (revokeAccess)',
    async measure({ send, accounts: { patient, physicianB } }) {
      await send(patient, 'grantAccess', physicianB.address, 0n, textCidOf('gas: bundle'))
      return send(patient, 'revokeAccess', physicianB.address)
    },
  },
  {
    name: 'emergency access (emergencyAccess)',
    measure: ({ send, accounts: { nurseA, patient } }) =>
      send(nurseA, 'emergencyAccess', patient.address, 1),
  },
  {
    name: 'key release by the emergency releaser (releaseEmergencyKeys)',
    async measure({ send, accounts: { adminA, nurseA, patient, newcomer } }) {
      await send(
        adminA,
        'setEmergencyReleaser',
        INSTITUTION_A,
        newcomer.address,
        encryptionKeyOf(newcomer),
      )
      await send(nurseA, 'emergencyAccess', patient.address, 1)
      return send(
        newcomer,
        'releaseEmergencyKeys',
        patient.address,
        nurseA.address,
        textCidOf('gas: bundle'),
      )
    },
  },
  {
    name: 'patient key re-issue (reissuePatientKey, 46-byte key bundle CID)',
    measure: async (f) => (await reissue(f)).receipt,
  },
  {
    name: 'grant by signature of a re-issued key (grantAccessBySig)',
    async measure(f) {
      const { key } = await reissue(f)
      const {
        send,
        address,
        accounts: { patient, physicianB, outsider },
      } = f
      const fields = {
        patient: patient.address,
        reader: physicianB.address,
        expiry: EXPIRY,
        keyBundleCid: textCidOf('gas: bundle'),
        nonce: 1n,
        deadline: DEADLINE,
      }
      const { r, vs } = compactSignature(await signAccessGrant(key, address, CHAIN_ID, fields))
      const { reader, expiry, keyBundleCid, deadline } = fields
      return send(
        outsider,
        'grantAccessBySig',
        patient.address,
        reader,
        expiry,
        keyBundleCid,
        deadline,
        r,
        vs,
      )
    },
  },
  {
    name: 'entered in error (markEnteredInError)',
    async measure({ send, anchor, accounts: { physicianA, patient } }) {
      await anchor(physicianA, patient, cidOf('gas: record'))
      return send(physicianA, 'markEnteredInError', 1n, 1, 2)
    },
  },
]

/** Re-issues the patient's key (a fixed key, so gas repeats); returns the key and the receipt. */
async function reissue({
  send,
  address,
  accounts: { adminA, patient },
}: Fixture): Promise<{ key: Wallet; receipt: TransactionReceipt }> {
  const key = new Wallet(id('gas: re-issued key'))
  const fields = {
    patient: patient.address,
    newKey: key.address,
    encryptionPublicKey: key.signingKey.compressedPublicKey,
    nonce: 0n,
    deadline: DEADLINE,
  }
  const { r, vs } = compactSignature(await signPatientKeyReissue(key, address, CHAIN_ID, fields))
  const { encryptionPublicKey, deadline } = fields
  const receipt = await send(
    adminA,
    'reissuePatientKey',
    patient.address,
    key.address,
    encryptionPublicKey,
    textCidOf('gas: bundle'),
    deadline,
    r,
    vs,
  )
  return { key, receipt }
}

describe('gas', () => {
  let f: Fixture
  const figures: { operation: string; gas: number; ceiling: number | string }[] = []

  before(async () => {
    f = await createFixture()
  })
  after(async () => {
    figures.push({ operation: 'deployment', gas: Number(f.deployment.gasUsed), ceiling: '' })
    console.log(
      figures
        .map(
          ({ operation, gas, ceiling }) =>
            `${operation.padEnd(70)} ${String(gas).padStart(9)}  ${ceiling}`,
        )
        .join('\n'),
    )
    await f.stop()
  })

  for (const operation of OPERATIONS) {
    test(`${operation.name} <= ${operation.ceiling}`, async (t) => {
      const gas = Number((await operation.measure(f)).gasUsed)
      await f.restore()
      figures.push({ operation: operation.name, gas, ceiling: operation.ceiling })
      t.diagnostic(`${gas} gas`)
      assert.ok(gas <= operation.ceiling, `${gas} > ${operation.ceiling}`)
    })
  }

  test('reference figures', async (t) => {
    for (const operation of EXTRA) {
      const gas = Number((await operation.measure(f)).gasUsed)
      await f.restore()
      figures.push({ operation: operation.name, gas, ceiling: '' })
      t.diagnostic(`${operation.name}: ${gas}`)
      assert.ok(gas > 21_000)
    }
  })
})
