import { useState } from 'react'
import type { PatientRegistration } from '../../../../electron/node/identity/types.ts'
import { PatientExportPanel } from './PatientExportPanel.tsx'
import { PatientRegistrationForm } from './PatientRegistrationForm.tsx'

/** The registration desk: the form, then the one-time export for the patient just registered. */
export function PatientDesk() {
  const [registration, setRegistration] = useState<PatientRegistration>()
  return registration ? (
    <PatientExportPanel registration={registration} onDone={() => setRegistration(undefined)} />
  ) : (
    <PatientRegistrationForm onRegistered={setRegistration} />
  )
}
