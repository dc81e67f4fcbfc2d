/**
 * Shared set-up steps for specs that start past the identity flows (identity.spec.ts walks those
 * through the UI): the node's own api builds a clinic in seconds, then the page reloads into the
 * signed-in session.
 */
import type { Page } from '@playwright/test'

/** Calls the node's api from the page: the preload's bridge in Electron, HTTP in browser mode. */
export async function callApi<T>(page: Page, method: string, input?: unknown): Promise<T> {
  // Electron's preload bridge, or browser mode's page (its session cookie goes along).
  await page.waitForFunction(() => 'emr' in window || location.protocol === 'http:')
  return page.evaluate(
    async ({ method, input }) => {
      const [namespace, member] = method.split('.') as [string, string]
      const bridge = (
        window as unknown as {
          emr?: Record<string, Record<string, (input: unknown) => Promise<unknown>>>
        }
      ).emr
      if (bridge) return bridge[namespace]![member]!(input)
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? null),
      })
      const envelope = (await response.json()) as
        { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value
    },
    { method, input },
  ) as Promise<T>
}

export interface Clinic {
  institutionName: string
  admin: { address: string; passphrase: string }
  nurse: { address: string; label: string; passphrase: string }
  /** With the key file and passphrase handed to the patient at registration. */
  patient: {
    address: string
    name: string
    medicalRecordNumber: string
    keystoreJson: string
    passphrase: string
  }
}

/**
 * A new network with one institution, an active nurse signed in, and a registered patient; the
 * page is reloaded so the UI shows the nurse's session.
 */
export async function setUpClinic(page: Page): Promise<Clinic> {
  const institutionName = 'Taipei Municipal General Hospital'
  const adminPassphrase = 'admin correct horse battery'
  const network = await callApi<{ admin: string }>(page, 'setup.createNetwork', {
    institutionName,
    governor: { label: 'IT governor', passphrase: 'governor long passphrase' },
    admin: {
      label: 'Dr Lin (admin)',
      passphrase: adminPassphrase,
      name: 'Lin Mei-Hua',
      nationalId: 'A123456789',
      licenceNumber: 'MD-100234',
    },
  })
  const nurse = { label: 'Nurse Chen', passphrase: 'nurse staple paper clip' }
  const { address } = await callApi<{ address: string }>(page, 'accounts.create', nurse)
  await callApi(page, 'staff.registerDirect', {
    account: address,
    role: 'nurse',
    identity: { name: 'Chen Ya-Ting', nationalId: 'B223456782', licenceNumber: 'RN-5566' },
  })
  await callApi(page, 'session.signIn', { address, passphrase: nurse.passphrase })
  const patient = { name: 'Wang Xiao-Ming', medicalRecordNumber: 'MRN-2024-0042' }
  const registration = await callApi<{
    patient: { address: string }
    keystoreJson: string
    passphrase: string
  }>(page, 'patients.register', { ...patient, birthDate: '1968-03-14' })
  await page.reload()
  return {
    institutionName,
    admin: { address: network.admin, passphrase: adminPassphrase },
    nurse: { ...nurse, address },
    patient: {
      ...patient,
      address: registration.patient.address,
      keystoreJson: registration.keystoreJson,
      passphrase: registration.passphrase,
    },
  }
}

export interface StaffMember {
  address: string
  label: string
  passphrase: string
  name: string
}

/**
 * Another active staff member of the clinic, registered directly by its administrator, then
 * signed in; the page is reloaded into their session.
 */
export async function addStaff(
  page: Page,
  clinic: Clinic,
  member: {
    label: string
    passphrase: string
    role: string
    identity: { name: string; nationalId: string; licenceNumber: string }
  },
): Promise<StaffMember> {
  await callApi(page, 'session.signIn', {
    address: clinic.admin.address,
    passphrase: clinic.admin.passphrase,
  })
  const { address } = await callApi<{ address: string }>(page, 'accounts.create', {
    label: member.label,
    passphrase: member.passphrase,
  })
  await callApi(page, 'staff.registerDirect', {
    account: address,
    role: member.role,
    identity: member.identity,
  })
  await callApi(page, 'session.signIn', { address, passphrase: member.passphrase })
  await page.reload()
  return { address, label: member.label, passphrase: member.passphrase, name: member.identity.name }
}
