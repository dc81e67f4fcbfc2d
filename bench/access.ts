/**
 * Grants: a patient's grant carries one key bundle's CID, so its gas must not grow with the
 * number of records; the work that does grow, re-wrapping each key, happens off chain. Measured
 * for a patient with MANY records against one with a single record, on one node.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { AccessActionResult } from '../electron/node/access/types.ts'
import type { PatientRegistration } from '../electron/node/identity/types.ts'
import { uploadFile } from '../test/helpers/clinic.ts'
import { startBenchClinic } from './clinic.ts'
import type { Figure } from './figure.ts'

const MANY = 100

export async function measureGrants(): Promise<Figure[]> {
  const clinic = await startBenchClinic()
  const { call, setup } = clinic
  try {
    const withRecords = async (count: number, mrn: string) => {
      const patient = await call<PatientRegistration>('patients.register', {
        name: `Bench patient ${mrn}`,
        medicalRecordNumber: mrn,
        birthDate: '1970-01-01',
      })
      for (let i = 0; i < count; i++) {
        await uploadFile(call, { patient: patient.patient.address, bytes: randomBytes(512) })
      }
      return patient
    }
    const grant = async (patient: PatientRegistration) => {
      const start = performance.now()
      const result = await call<AccessActionResult>('access.grant', {
        patient: patient.patient.address,
        reader: setup.network.admin,
        consent: { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase },
      })
      return { gas: Number(result.receipt.gasUsed), ms: performance.now() - start, result }
    }
    const one = await grant(await withRecords(1, 'BENCH-1'))
    const many = await grant(await withRecords(MANY, 'BENCH-MANY'))
    return [
      {
        name: `gas: grant relayed for a patient with ${MANY} records`,
        value: many.gas,
        unit: 'gas',
        baseline: one.gas,
        ratio: Number((many.gas / one.gas).toFixed(2)),
        note: `baseline: the same grant for a patient with 1 record; ceiling 60,000; the bundle carries ${many.result.keysShared} keys`,
      },
      {
        name: `grant for a patient with ${MANY} records (open the key file, re-wrap, publish, relay)`,
        value: Math.round(many.ms),
        unit: 'ms',
        baseline: Math.round(one.ms),
        ratio: Number((many.ms / one.ms).toFixed(2)),
        note: "baseline: the same for 1 record; includes opening the patient's keystore (scrypt)",
      },
    ]
  } finally {
    await clinic.stop()
  }
}
