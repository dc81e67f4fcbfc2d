/**
 * Gas of the identity flows, from receipts of a real node (gas is deterministic: the ceilings
 * are also tests). The paper reports 105,806 gas for staff registration.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDispatcher } from '../electron/node/api/dispatch.ts'
import type {
  NetworkCreated,
  PatientRegistration,
  TxReceiptView,
} from '../electron/node/identity/types.ts'
import { HospitalNode } from '../electron/node/node.ts'
import { dataPaths } from '../electron/node/paths.ts'
import { createJsonSettingsStore } from '../electron/node/settings/store.ts'
import type { Figure } from './figure.ts'

const PASS = 'benchmark passphrase'

export async function measureIdentityGas(): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emr-bench-gas-'))
  const node = await HospitalNode.start({
    dataDir,
    settings: createJsonSettingsStore(dataPaths(dataDir).settings),
    scryptN: 2 ** 12,
  })
  const dispatch = createDispatcher(node)
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const envelope = await dispatch(method, input)
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`)
    return envelope.value as T
  }
  try {
    const network = await call<NetworkCreated>('setup.createNetwork', {
      institutionName: 'Bench Hospital',
      governor: { label: 'Governor', passphrase: PASS },
      admin: {
        label: 'Admin',
        passphrase: PASS,
        name: 'Admin',
        nationalId: 'A123456789',
        licenceNumber: 'ADM-1',
      },
    })
    const { address: nurse } = await call<{ address: string }>('accounts.create', {
      label: 'Nurse',
      passphrase: PASS,
    })
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const registered = await call<TxReceiptView>('staff.register', {
      institution: network.institution.id,
      role: 'nurse',
      identity: { name: 'Nurse', nationalId: 'F131104093', licenceNumber: 'RN-1' },
    })
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    const approved = await call<TxReceiptView>('staff.approve', { account: nurse })
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const patient = await call<PatientRegistration>('patients.register', {
      name: 'Patient',
      medicalRecordNumber: 'MRN-1',
      birthDate: '1980-01-01',
    })
    const gas = (receipt: TxReceiptView) => Number(receipt.gasUsed)
    return [
      {
        name: 'gas: staff self-registration',
        value: gas(registered),
        unit: 'gas',
        note: 'ceiling 55,000; the paper reports 105,806',
      },
      { name: 'gas: staff approval', value: gas(approved), unit: 'gas', note: 'ceiling 35,000' },
      {
        name: 'gas: patient registration (relayed signature)',
        value: gas(patient.receipt),
        unit: 'gas',
        note: 'ceiling 55,000',
      },
    ]
  } finally {
    await node.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
