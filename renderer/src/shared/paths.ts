/** Every screen's path, spelled once: screens link to each other without importing routes. */
export const paths = {
  setup: 'setup',
  signIn: 'sign-in',
  createAccount: 'accounts/new',
  importAccount: 'accounts/import',
  exportKeystore: 'accounts/export',
  registration: 'registration',
  patientHome: 'my-records',
  approvals: 'approvals',
  institutions: 'institutions',
  staff: 'staff',
  audit: 'audit',
  patients: 'patients',
  emergencies: 'emergencies',
  status: 'status',
  settings: 'settings',
} as const

export type ScreenPath = (typeof paths)[keyof typeof paths]

/** The router location of a screen. */
export function screen(path: ScreenPath): string {
  return `/${path}`
}
