import { expect, test } from './fixtures.ts'
import { callApi, setUpClinic } from './steps.ts'

/**
 * An administrator's decisions on staff, as each side sees them: the pending registration shows
 * the IC card's data to compare; the rejected applicant is told so; a suspension asks for
 * confirmation and a reason, which the audit trail shows.
 */
test('approvals show what to check, rejections are told, suspensions need a reason', async ({
  app,
}) => {
  test.setTimeout(150_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  const doctor = { label: 'Dr Huang', passphrase: 'doctor river lantern stone' }
  const { address } = await callApi<{ address: string }>(page, 'accounts.create', doctor)
  await callApi(page, 'session.signIn', { address, passphrase: doctor.passphrase })
  await callApi(page, 'staff.register', {
    institution: 1,
    role: 'physician',
    identity: { name: 'Huang Chih-Wei', nationalId: 'C123456781', licenceNumber: 'MD-200567' },
  })
  await callApi(page, 'session.signIn', {
    address: clinic.admin.address,
    passphrase: clinic.admin.passphrase,
  })
  await page.reload()

  // 1. The registration with the card's data, then rejected.
  const review = page.getByTestId('registration-review')
  await expect(review.getByTestId('review-national-id')).toHaveText('C123456781')
  await expect(review.getByTestId('review-licence')).toHaveText('MD-200567')
  await expect(review).toContainText('Physician')
  await expect(review).toContainText(clinic.institutionName)
  await review.getByRole('button', { name: 'Reject Huang Chih-Wei' }).click()
  await page.getByRole('button', { name: 'Reject registration' }).click()
  await expect(page.getByTestId('no-pending')).toBeVisible({ timeout: 30_000 })

  // 2. A suspension asks first, and will not go without a reason.
  const nav = page.getByRole('navigation')
  await nav.getByRole('link', { name: 'Staff directory' }).click()
  await page.getByRole('button', { name: 'Suspend Chen Ya-Ting' }).click()
  const dialog = page.getByRole('dialog', { name: 'Suspend Chen Ya-Ting?' })
  await dialog.getByRole('button', { name: 'Suspend' }).click()
  await expect(dialog).toContainText('Choose why the account is suspended.')
  await dialog.getByLabel('Reason').selectOption({ label: 'Extended leave' })
  await dialog.getByRole('button', { name: 'Suspend' }).click()
  await expect(page.getByText('Suspended: Chen Ya-Ting')).toBeVisible({ timeout: 30_000 })
  await nav.getByRole('link', { name: 'Audit trail' }).click()
  const suspended = page.locator('[data-testid="audit-row"][data-action="staff-suspended"]')
  await expect(suspended.getByTestId('audit-detail')).toHaveText('Reason: Extended leave')

  // 3. The applicant, signing in again, is told of the rejection and may register again.
  await callApi(page, 'session.signIn', { address, passphrase: doctor.passphrase })
  await page.reload()
  await expect(page.getByTestId('registration-rejected')).toContainText('rejected by Lin Mei-Hua')
  await expect(page.getByRole('button', { name: 'Register' })).toBeVisible()
})
