import type {
  NetworkCreated,
  PatientRegistration,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'

export const PASS = 'correct horse battery'

export type Call = <T>(method: string, input?: unknown) => Promise<T>

/**
 * Sets up a network on a fresh node through the api, as the UI would: an institution with its
 * admin, an approved nurse (signed in at the end) and a registered patient whose one-time
 * keystore export is returned. The tests and the benchmarks share it.
 */
export async function setUpClinic(call: Call) {
  const network = await call<NetworkCreated>('setup.createNetwork', {
    institutionName: 'Taipei General',
    governor: { label: 'Governor', passphrase: PASS },
    admin: {
      label: 'Admin',
      passphrase: PASS,
      name: 'Lin',
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
    identity: { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' },
  })
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  const approved = await call<TxReceiptView>('staff.approve', { account: nurse })
  await call('session.signIn', { address: nurse, passphrase: PASS })
  const patient = await call<PatientRegistration>('patients.register', {
    name: 'Wang Xiao-Ming',
    medicalRecordNumber: 'MRN-1',
    birthDate: '1980-01-01',
  })
  return { network, nurse, patient, receipts: { registered, approved, patient: patient.receipt } }
}
