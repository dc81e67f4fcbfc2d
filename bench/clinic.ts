/**
 * A node with a set-up network for the benchmarks: an institution, an approved nurse signed in
 * and a registered patient; the receipts of each step are kept for the gas figures.
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

const PASS = 'benchmark passphrase'

export async function startBenchClinic() {
  const dataDir = await mkdtemp(join(tmpdir(), 'emr-bench-'))
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
  return {
    node,
    call,
    patient: patient.patient.address,
    receipts: { registered, approved, patient: patient.receipt },
    async stop() {
      await node.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
