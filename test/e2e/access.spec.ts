import { expect, test } from './fixtures.ts'
import { addStaff, setUpClinic } from './steps.ts'

/**
 * Patient-controlled access on a fresh node: a nurse uploads a note; a physician is refused
 * because the patient never granted access, asks for it, and reads the note once the patient
 * consents with their own key file at the physician's workstation; after the patient revokes,
 * the physician is refused again, with that reason.
 */

const note = {
  name: 'admission-note.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from('Admitted with chest pain. Troponin negative. Observe overnight.\n'),
}

test('a physician asks, the patient grants and then revokes access', async ({ app }) => {
  test.setTimeout(150_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  const records = page.getByRole('navigation').getByRole('link', { name: 'Patient records' })
  const openChart = page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` })

  // 1. The nurse uploads a note to the patient's chart.
  await records.click()
  await openChart.click()
  await page.getByRole('button', { name: 'Upload record' }).click()
  const drawer = page.getByRole('dialog', { name: 'Upload records' })
  await drawer.getByTestId('upload-input').setInputFiles(note)
  await drawer.getByLabel('Category').selectOption({ label: 'Clinical note' })
  await drawer.getByRole('button', { name: 'Upload 1 file' }).click()
  await expect(drawer.getByTestId('upload-result-record-id')).toHaveText('1', { timeout: 60_000 })
  await drawer.getByRole('button', { name: 'Done' }).click()

  // 2. A physician of the same hospital opens the chart: the patient never granted access.
  const physician = await addStaff(page, clinic, {
    label: 'Dr Huang',
    passphrase: 'physician river lantern stone',
    role: 'physician',
    identity: { name: 'Huang Chih-Wei', nationalId: 'C123456781', licenceNumber: 'MD-200567' },
  })
  await records.click()
  await openChart.click()
  await expect(page.getByTestId('staff-access-prompt')).toContainText(
    'The patient has not granted you access',
  )
  const row = page.getByTestId('record-row')
  await row.getByRole('button', { name: 'Open', exact: true }).click()
  const denied = page.getByTestId('access-denied')
  await expect(denied).toHaveAttribute('data-code', 'ERR_ACCESS_NEVER_GRANTED', {
    timeout: 30_000,
  })
  await expect(denied).toContainText('The patient has not granted you access')

  // 3. The physician asks for access from the refusal itself.
  await denied.getByLabel('Purpose').selectOption({ label: 'Treatment' })
  await denied.getByRole('button', { name: 'Request access' }).click()
  const requested = page.getByRole('region', { name: 'Access requested' })
  await expect(requested.getByTestId('receipt-result')).toHaveText('access requested', {
    timeout: 30_000,
  })

  // 4. The patient, at the physician's workstation, grants it with their key file.
  await page.getByRole('link', { name: /Back to the chart/ }).click()
  await page.getByRole('tab', { name: 'Access and consent' }).click()
  const request = page.getByTestId('request-row').filter({ hasText: physician.name })
  await expect(request.getByTestId('request-purpose')).toHaveText('Treatment')
  await request.getByRole('button', { name: `Grant access to ${physician.name}` }).click()
  const grantDialog = page.getByRole('dialog', { name: 'Grant access' })
  await grantDialog.getByTestId('consent-key-file').setInputFiles({
    name: `${clinic.patient.address}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(clinic.patient.keystoreJson),
  })
  await grantDialog.getByLabel("Patient's passphrase").fill(clinic.patient.passphrase)
  await grantDialog.getByRole('button', { name: 'Grant access' }).click()
  await expect(grantDialog).toBeHidden({ timeout: 60_000 })
  const granted = page.getByRole('region', { name: `Access granted to ${physician.name}` })
  await expect(granted.getByTestId('receipt-result')).toHaveText('access granted')
  await expect(page.getByTestId('keys-shared')).toHaveAttribute('data-value', '1')
  const grant = page.getByTestId('grant-row').filter({ hasText: physician.name })
  await expect(grant.getByTestId('grant-state')).toHaveAttribute('data-state', 'active')

  // 5. The physician opens the note: verified and shown.
  await page.getByRole('tab', { name: 'Records' }).click()
  await expect(page.getByTestId('staff-access-prompt')).toBeHidden()
  await row.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('Verified', { timeout: 30_000 })
  await expect(page.getByTestId('viewer-text')).toContainText('Troponin negative')
  await page.getByRole('link', { name: /Back to the chart/ }).click()

  // 6. The patient revokes, told what the keys the physician holds still open, and changes the
  //    keys (the default): the note is re-encrypted under a key the physician never had.
  await page.getByRole('tab', { name: 'Access and consent' }).click()
  await grant.getByRole('button', { name: `Revoke the access of ${physician.name}` }).click()
  const revokeDialog = page.getByRole('dialog', { name: 'Revoke access' })
  await expect(revokeDialog.getByTestId('revoke-warning')).toContainText(
    'the keys they already hold still decrypt',
  )
  const rotate = revokeDialog.getByRole('checkbox', {
    name: 'Also change the keys of the records they could read (recommended)',
  })
  await expect(rotate).toBeChecked()
  await expect(revokeDialog).toContainText('It cannot take back what they already opened or saved')
  await revokeDialog.getByTestId('consent-key-file').setInputFiles({
    name: `${clinic.patient.address}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(clinic.patient.keystoreJson),
  })
  await revokeDialog.getByLabel("Patient's passphrase").fill(clinic.patient.passphrase)
  await revokeDialog.getByRole('button', { name: 'Revoke access' }).click()
  await expect(revokeDialog).toBeHidden({ timeout: 60_000 })
  await expect(grant.getByTestId('grant-state')).toHaveAttribute('data-state', 'revoked')
  await expect(page.getByTestId('records-rekeyed')).toHaveText(
    '1 record re-encrypted under a new key.',
  )

  // 7. Opening the note again is refused, with the reason.
  await page.getByRole('tab', { name: 'Records' }).click()
  await expect(page.getByTestId('staff-access-prompt')).toContainText('revoked your access')
  await row.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(denied).toHaveAttribute('data-code', 'ERR_ACCESS_REVOKED', { timeout: 30_000 })
  await expect(denied).toContainText('The patient revoked your access')
  await expect(denied.getByRole('button', { name: 'Request access' })).toBeVisible()
})
