import { expect, test } from './fixtures.ts'
import { addStaff, callApi, setUpClinic } from './steps.ts'

/**
 * Break-the-glass on a single node with no administrator signed in: the administrator turns
 * automatic release on once, from the Emergencies screen. Later a nurse on call, alone at the
 * node, breaks the glass on a chart; the dialog says whose node she waits on, the node releases
 * the keys on its own, the banner says so, and the record opens. A technician is not offered the
 * button, and the registry's rule refuses them by its typed error.
 */
test('an emergency on one node: keys released with no administrator signed in', async ({ app }) => {
  test.setTimeout(300_000)
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
  const onCall = await addStaff(page, clinic, {
    label: 'Nurse Wu',
    passphrase: 'night shift kettle orchard',
    role: 'nurse',
    identity: { name: 'Wu Shu-Fen', nationalId: 'E223456785', licenceNumber: 'RN-7788' },
  })

  // 1. Once, beforehand: the administrator turns automatic release on, then signs out.
  await callApi(page, 'session.signIn', {
    address: clinic.admin.address,
    passphrase: clinic.admin.passphrase,
  })
  await page.reload()
  await page.getByRole('navigation').getByRole('link', { name: 'Emergencies' }).click()
  const automatic = page.getByTestId('automatic-release')
  await expect(automatic).toContainText('Off')
  await automatic.getByRole('button', { name: 'Turn on automatic release on this node' }).click()
  await expect(automatic.getByRole('status')).toContainText('Automatic release is on', {
    timeout: 30_000,
  })
  await expect(automatic).toContainText('This node holds your institution')
  await callApi(page, 'session.signOut')

  // 2. The nurse on call, the only one signed in, breaks the glass from the chart.
  await callApi(page, 'session.signIn', { address: onCall.address, passphrase: onCall.passphrase })
  await page.reload()
  const openChart = async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
    await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  }
  await openChart()
  await page.getByRole('button', { name: 'Break the glass…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Break the glass: emergency access' })
  await dialog.getByLabel('Reason').selectOption({ label: 'Patient unconscious' })
  await dialog.getByLabel(/I confirm that this is an emergency/).check()
  await dialog.getByRole('button', { name: 'Break the glass' }).click()
  await expect(dialog.getByTestId('receipt-result')).toHaveText('emergency declared', {
    timeout: 30_000,
  })
  await expect(dialog.getByTestId('emergency-keys-waiting')).toHaveText(
    `Waiting for ${clinic.institutionName}'s node to release the record keys: automatic release is on, ` +
      `so its node does this on its own within a block or two. An administrator of ${clinic.institutionName} ` +
      'can also release them from the Emergencies screen.',
  )
  // The dialog's own Close button, not the corner one of the same name.
  await dialog.getByRole('button', { name: 'Close' }).last().click()

  // 3. The node released the keys on its own: the banner says so, from the chain's event.
  const banner = page.getByTestId('emergency-banner')
  await expect(banner).toContainText(/Emergency access: (24 h 0|23 h 59) min left/)
  await expect(banner.getByTestId('emergency-keys-released')).toContainText(
    `${clinic.institutionName} released the record keys`,
    { timeout: 30_000 },
  )
  await expect(banner.getByTestId('emergency-keys-waiting')).toHaveCount(0)
  await page.getByTestId('record-row').getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('viewer-text')).toContainText('Allergic to penicillin', {
    timeout: 30_000,
  })
  await expect(banner).toBeVisible()

  // 4. A technician is not offered the button, and the registry refuses them by its rule.
  await callApi(page, 'session.signIn', {
    address: technician.address,
    passphrase: technician.passphrase,
  })
  await page.reload()
  await openChart()
  await expect(page.getByRole('tab', { name: 'Access and consent' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Break the glass…' })).toHaveCount(0)
  await expect(
    callApi(page, 'emergency.declare', {
      patient: clinic.patient.address,
      reason: 'life-threatening',
    }),
  ).rejects.toThrow('ERR_ROLE_CANNOT_DECLARE_EMERGENCY')
})
