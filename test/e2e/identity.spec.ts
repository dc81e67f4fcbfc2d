import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

/**
 * Registration and authority (paper III.A / IV.A, Fig. 2) on a fresh node: the administrator sets
 * up the network, a staff member registers and is approved, then registers a patient at the desk.
 */

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const TX_HASH = /^0x[0-9a-fA-F]{64}$/

const admin = {
  label: 'Dr Lin (admin)',
  passphrase: 'admin correct horse battery',
  name: 'Lin Mei-Hua',
  nationalId: 'A123456789',
  licenceNumber: 'MD-100234',
}
const nurse = {
  label: 'Nurse Chen',
  passphrase: 'nurse staple paper clip',
  name: 'Chen Ya-Ting',
  nationalId: 'B223456782',
  licenceNumber: 'RN-5566',
}
const institutionName = 'Taipei Municipal General Hospital'

/** Addresses are compared case-insensitively: the registry lists them checksummed. */
function sameAddress(address: string): RegExp {
  return new RegExp(address, 'i')
}

async function number(locator: Locator): Promise<number> {
  return Number((await locator.innerText()).replace(/\D/g, ''))
}

/** The receipt card of Fig. 2: a real contract, a mined transaction, gas spent, the result. */
async function expectReceipt(page: Page, result: string) {
  await expect(page.getByTestId('receipt-result')).toHaveText(result)
  await expect(page.getByTestId('receipt-contract-address')).toHaveText(ADDRESS)
  await expect(page.getByTestId('receipt-tx-hash')).toHaveText(TX_HASH)
  expect(await number(page.getByTestId('receipt-gas-used'))).toBeGreaterThan(0)
  expect(await number(page.getByTestId('receipt-block-number'))).toBeGreaterThan(0)
}

async function fillNewPassphrase(scope: Page | Locator, passphrase: string) {
  await scope.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await scope.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase)
}

async function confirmWrittenDown(page: Page) {
  await page.getByLabel('I have written it down').check()
  await page.getByRole('button', { name: 'Continue' }).click()
}

async function signIn(page: Page, address: string, passphrase: string) {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Account', { exact: true }).selectOption(address)
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

test('staff register, get approved, and register a patient at the desk', async ({ app }) => {
  test.setTimeout(240_000)
  const { page } = app
  const header = page.getByRole('banner')

  // 1. First run: the setup wizard creates the network, its governor and first administrator.
  await expect(page.getByRole('heading', { name: 'Set up this node' })).toBeVisible()
  await page.getByRole('button', { name: 'Create a new network' }).click()
  await page.getByLabel('Institution name').fill(institutionName)
  const governor = page.getByRole('group', { name: 'Network governor account' })
  await governor.getByLabel('Label').fill('IT governor')
  await fillNewPassphrase(governor, 'governor long passphrase')
  const first = page.getByRole('group', { name: 'First administrator' })
  await first.getByLabel('Label').fill(admin.label)
  await fillNewPassphrase(first, admin.passphrase)
  await first.getByLabel('Name', { exact: true }).fill(admin.name)
  await first.getByLabel('National ID').fill(admin.nationalId)
  await first.getByLabel('Licence number').fill(admin.licenceNumber)
  await page.getByRole('button', { name: 'Create network' }).click()

  // Both recovery phrases, twelve words each, shown once.
  await expect(page.getByTestId('admin-recovery-phrase').getByRole('listitem')).toHaveCount(12, {
    timeout: 60_000,
  })
  await expect(page.getByTestId('governor-recovery-phrase').getByRole('listitem')).toHaveCount(12)
  const adminAddress = await page.getByTestId('setup-admin-address').innerText()
  expect(adminAddress).toMatch(ADDRESS)
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled()
  await confirmWrittenDown(page)

  // The administrator is signed in, active, and lands on the approvals desk.
  await expect(page.getByRole('heading', { name: 'Approvals' })).toBeVisible()
  await expect(header.getByTestId('session-label')).toHaveText(admin.label)
  await expect(header.getByTestId('session-status')).toHaveText('Active')
  await expect(page.getByTestId('no-pending')).toBeVisible()

  // 2. A nurse creates an account from the sign-in screen and registers as staff.
  await signOut(page)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByLabel('Label').fill(nurse.label)
  await fillNewPassphrase(page, nurse.passphrase)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByTestId('recovery-phrase').getByRole('listitem')).toHaveCount(12)
  const nurseAddress = await page.getByTestId('new-account-address').innerText()
  expect(nurseAddress).toMatch(ADDRESS)
  await confirmWrittenDown(page)

  await signIn(page, nurseAddress.toLowerCase(), nurse.passphrase)
  await expect(page.getByRole('heading', { name: 'Staff registration' })).toBeVisible()
  await expect(header.getByTestId('session-status')).toHaveText('Not registered')
  await page.getByLabel('Name', { exact: true }).fill(nurse.name)
  await page.getByLabel('National ID').fill(nurse.nationalId)
  await page.getByLabel('Licence number').fill(nurse.licenceNumber)
  await page.getByLabel('Institution').selectOption({ label: institutionName })
  await page.getByLabel('Role').selectOption({ label: 'Nurse' })
  await page.getByRole('button', { name: 'Register' }).click()

  await expectReceipt(page, 'pending approval')
  await expect(header.getByTestId('session-status')).toHaveText('Pending')

  // 3. The administrator approves the pending registration.
  await signOut(page)
  await signIn(page, adminAddress.toLowerCase(), admin.passphrase)
  await expect(page.getByRole('heading', { name: 'Approvals' })).toBeVisible()
  const pending = page.getByTestId('registration-review').filter({ hasText: nurse.name })
  await expect(pending).toContainText(sameAddress(nurseAddress))
  await expect(pending.getByTestId('review-licence')).toHaveText(nurse.licenceNumber)
  await pending.getByRole('button', { name: 'Approve' }).click()
  await expectReceipt(page, 'approved')
  await expect(page.getByTestId('no-pending')).toBeVisible()

  // The staff directory now lists the nurse as active staff of the institution.
  await page.getByRole('link', { name: 'Staff directory' }).click()
  const directoryRow = page.getByRole('row', { name: new RegExp(nurse.name) })
  await expect(directoryRow).toContainText(sameAddress(nurseAddress))
  await expect(directoryRow).toContainText(institutionName)
  await expect(directoryRow).toContainText('Nurse')
  await expect(directoryRow.getByTestId('staff-status')).toHaveText('Active')

  // 4. The nurse signs in again: active now, with the patients screen open to them.
  await signOut(page)
  await signIn(page, nurseAddress.toLowerCase(), nurse.passphrase)
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible()
  await expect(header.getByTestId('session-label')).toHaveText(nurse.label)
  await expect(header.getByTestId('session-status')).toHaveText('Active')
  await expect(header.getByTestId('session-role')).toContainText('Nurse')
  const nav = page.getByRole('navigation')
  await expect(nav.getByRole('link', { name: 'Staff registration' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0)

  // 5. The registration desk: a patient account, handed over once, with its receipt.
  await page.getByLabel('Name', { exact: true }).fill('Wang Xiao-Ming')
  await page.getByLabel('Medical record number').fill('mrn-2024-0042')
  await page.getByLabel('Birth date').fill('1968-03-14')
  await page.getByRole('button', { name: 'Register patient' }).click()

  const patientAddress = page.getByTestId('patient-address')
  await expect(patientAddress).toHaveText(ADDRESS, { timeout: 30_000 })
  const address = await patientAddress.innerText()
  await expect(page.getByTestId('patient-passphrase')).toHaveText(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/)
  await expect(page.getByTestId('patient-qr')).toBeVisible()
  await expectReceipt(page, 'registered')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download keystore' }).click()
  expect((await download).suggestedFilename()).toBe(`${address}.json`)
  await page.getByLabel('The patient has the key file and its passphrase').check()
  await page.getByRole('button', { name: 'Register another patient' }).click()
  await expect(page.getByTestId('patient-address')).toHaveCount(0)

  // Search by medical record number, then by part of the name.
  const search = page.getByRole('search')
  const results = page.getByTestId('patient-results')
  await search.getByLabel('Search patients').fill('MRN-2024')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(results.getByRole('row', { name: /Wang Xiao-Ming/ })).toContainText(address)
  await expect(results).toContainText('MRN-2024-0042')

  await search.getByLabel('Search patients').fill('xiao')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('table', { name: 'Results for “xiao”' })).toBeVisible()
  await expect(results.getByRole('row', { name: /Wang Xiao-Ming/ })).toContainText(address)

  await search.getByLabel('Search patients').fill('nobody-like-this')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByTestId('patient-no-results')).toHaveText('No patient matches.')
})
