import type { NetworkCreated, PatientRegistration } from '../../electron/node/identity/types.ts'
import type { SettingsInput } from '../../electron/node/settings/schema.ts'
import { startTestNode } from './node.ts'

export const PASS = 'correct horse battery'

/**
 * A node with a set-up network: an institution with its admin, an approved nurse (signed in at
 * the end) and a registered patient whose one-time keystore export is returned.
 */
export async function startClinic(options: { dataDir?: string; settings?: SettingsInput } = {}) {
  const started = await startTestNode(options)
  const { call } = started
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
  await call('staff.register', {
    institution: network.institution.id,
    role: 'nurse',
    identity: { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' },
  })
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  await call('staff.approve', { account: nurse })
  await call('session.signIn', { address: nurse, passphrase: PASS })
  const patient = await call<PatientRegistration>('patients.register', {
    name: 'Wang Xiao-Ming',
    medicalRecordNumber: 'MRN-1',
    birthDate: '1980-01-01',
  })
  return { ...started, network, nurse, patient }
}

/** Sends a file through the chunked upload api, as the UI does. */
export async function uploadFile(
  call: <T>(method: string, input?: unknown) => Promise<T>,
  input: {
    patient: string
    recordId?: number
    bytes: Uint8Array
    title?: string
    fileName?: string
    mime?: string
  },
) {
  const { uploadId } = await call<{ uploadId: string }>('records.uploadStart', {
    patient: input.patient,
    recordId: input.recordId,
    size: input.bytes.length,
    details: {
      title: input.title ?? 'Chest X-ray',
      category: 'imaging',
      dateOfCare: '2026-11-20',
      fileName: input.fileName ?? 'scan.dcm',
      mime: input.mime ?? 'application/dicom',
    },
  })
  const chunk = 1024 * 1024
  for (let offset = 0; offset < input.bytes.length; offset += chunk) {
    const data = Buffer.from(input.bytes.subarray(offset, offset + chunk)).toString('base64')
    await call('records.uploadChunk', { uploadId, data })
  }
  return call<{ recordId: number; version: number; cid: string; receipt: { gasUsed: string } }>(
    'records.uploadFinish',
    { uploadId },
  )
}
