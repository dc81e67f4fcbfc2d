import { expect, test } from './fixtures.ts'
import { addStaff, callApi, setUpClinic } from './steps.ts'

/**
 * Break-the-glass on a fresh node: a technician with no grant declares an emergency from the
 * chart; the record stays closed until the custodian releases the keys, which the node does
 * when an administrator signs in; the technician then reads it under a red banner, and the
 * administrator's review screen counts the read.
 */
test('an emergency opens the record once the custodian releases the keys', async ({ app }) => {
  test.setTimeout(150_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  const note = Buffer.from('Allergic to penicillin. Anaphylaxis 2019.\n')
  const { uploadId } = await callApi<{ uploadId: string }>(page, 'records.uploadStart', {
    patient: clinic.patient.address,
    size: note.length,
    details: {
      title: 'Allergy note',
      category: 'clinical-note',
      dateOfCare: '2026-11-20',
      fileName: 'allergy.txt',
      mime: 'text/plain',
    },
  })
  await callApi(page, 'records.uploadChunk', { uploadId, data: note.toString('base64') })
  await callApi(page, 'records.uploadFinish', { uploadId })
  const technician = await addStaff(page, clinic, {
    label: 'Tech Lee',
    passphrase: 'technician river lantern stone',
    role: 'technician',
    identity: { name: 'Lee Kuan-Yu', nationalId: 'D123456782', licenceNumber: 'MT-3001' },
  })

  // 1. The technician breaks the glass from the patient's chart.
  await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
  await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  await page.getByRole('button', { name: 'Break the glass…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Break the glass: emergency access' })
  await dialog.getByLabel('Reason').selectOption({ label: 'Patient unconscious' })
  await dialog.getByLabel(/I confirm that this is an emergency/).check()
  await dialog.getByRole('button', { name: 'Break the glass' }).click()
  await expect(dialog.getByTestId('receipt-result')).toHaveText('emergency declared', {
    timeout: 30_000,
  })
  // The dialog's own Close button, not the corner one of the same name.
  await dialog.getByRole('button', { name: 'Close' }).last().click()
  const banner = page.getByTestId('emergency-banner')
  await expect(banner).toContainText(/Emergency access: (24 h 0|23 h 59) min left/)
  await expect(banner).toContainText('The record keys have not been released yet')

  // 2. An administrator signs in: their node releases the custodian's keys.
  await callApi(page, 'session.signIn', {
    address: clinic.admin.address,
    passphrase: clinic.admin.passphrase,
  })
  await page.reload()
  await expect(page.getByText('Emergency declared at your institution')).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Emergencies' }).click()
  const row = page.getByTestId('emergency-row').filter({ hasText: technician.name })
  await expect(row.getByTestId('emergency-keys')).not.toHaveText('Not yet', { timeout: 30_000 })

  // 3. The technician reads the note, under the banner; the review screen counts the read.
  await callApi(page, 'session.signIn', {
    address: technician.address,
    passphrase: technician.passphrase,
  })
  await page.reload()
  await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
  await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  await expect(banner).not.toContainText('have not been released')
  await page.getByTestId('record-row').getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('viewer-text')).toContainText('Allergic to penicillin', {
    timeout: 30_000,
  })
  await expect(banner).toBeVisible()

  await callApi(page, 'session.signIn', {
    address: clinic.admin.address,
    passphrase: clinic.admin.passphrase,
  })
  await page.reload()
  await page.getByRole('navigation').getByRole('link', { name: 'Emergencies' }).click()
  await expect(row.getByTestId('emergency-reads')).toHaveText('1')
})
