import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { dicomErrorMessage, readDicom } from '../../renderer/src/features/records/viewer/dicom.ts'

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url))

test('a CT image gives its tags and a drawable 128x128 frame', async () => {
  const { tags, image } = readDicom(await fixture('CT_small.dcm'))
  assert.equal(tags.modality, 'CT')
  assert.deepEqual([tags.rows, tags.columns], [128, 128])
  assert.equal(image.kind, 'frame')
  if (image.kind === 'frame') assert.equal(image.frame.rgba.length, 128 * 128 * 4)
})

test('a JPEG 2000 image is named as compressed, not drawn', async () => {
  const { tags, image } = readDicom(await fixture('JPEG2000.dcm'))
  assert.equal(image.kind, 'compressed')
  assert.match(tags.transferSyntaxName, /JPEG 2000/)
})

test('a truncated file fails with a readable message', async () => {
  const damaged = await fixture('rtplan_truncated.dcm')
  assert.throws(
    () => readDicom(damaged),
    (error: unknown) =>
      typeof dicomErrorMessage(error) === 'string' && dicomErrorMessage(error).length > 0,
  )
})
