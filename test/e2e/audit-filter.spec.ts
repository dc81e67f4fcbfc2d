/**
 * A person filter on the audit trail stops filtering when its field is emptied, as the field
 * then shows: nobody.
 */
import { expect, test } from './fixtures.ts'
import { callApi, setUpClinic } from './steps.ts'

test('emptying the "Done by" field brings every actor back', async ({ app }) => {
  test.setTimeout(180_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  // The administrator reads the whole trail: the nurse's registration and the nurse's patient.
  await callApi(page, 'session.signIn', clinic.admin)
  await page.reload()
  await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click()
  const rows = page.getByTestId('audit-row')
  const actors = page.getByTestId('audit-actor')
  await expect(actors.filter({ hasText: 'Chen Ya-Ting' }).first()).toBeVisible()
  await expect(actors.filter({ hasNotText: 'Chen Ya-Ting' }).first()).toBeVisible()
  const everyone = await rows.count()

  const doneBy = page.getByRole('combobox', { name: 'Done by' })
  await doneBy.fill('Chen')
  await page.getByRole('option', { name: /Chen Ya-Ting/ }).click()
  await expect(actors.filter({ hasNotText: 'Chen Ya-Ting' })).toHaveCount(0)
  expect(await rows.count()).toBeLessThan(everyone)

  // Select the name and delete it, then leave the field.
  await doneBy.fill('')
  await doneBy.blur()
  await expect(doneBy).toHaveValue('')
  await expect(rows).toHaveCount(everyone)
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0)
})
