import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import {
  dicomErrorMessage,
  readDicom,
  type Frame,
} from '../../renderer/src/features/records/viewer/dicom.ts'

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url))

async function frameOf(name: string): Promise<Frame> {
  const { image } = await readDicom(await fixture(name))
  assert.equal(image.kind, 'frame', `${name} gives a frame, not ${image.kind}`)
  return (image as { frame: Frame }).frame
}

/** The RGB of one pixel of a drawn frame. */
const rgbAt = (frame: Frame, row: number, column: number) => {
  const at = (row * frame.columns + column) * 4
  return [...frame.rgba.subarray(at, at + 3)]
}

test('a CT image gives its tags and a drawable 128x128 frame', async () => {
  const { tags, image } = await readDicom(await fixture('CT_small.dcm'))
  assert.equal(tags.modality, 'CT')
  assert.deepEqual([tags.rows, tags.columns], [128, 128])
  assert.equal(image.kind, 'frame')
  if (image.kind === 'frame') assert.equal(image.frame.rgba.length, 128 * 128 * 4)
})

test('a file without the Part 10 header is read, and draws the same CT as the file with it', async () => {
  // no_meta.dcm is CT_small.dcm's data set with neither preamble nor file meta header (and one
  // stray byte of the header's padding in front of it).
  const { tags } = await readDicom(await fixture('no_meta.dcm'))
  assert.equal(tags.modality, 'CT')
  assert.equal(tags.patientName, 'CompressedSamples CT1')
  assert.equal(tags.transferSyntaxName, 'Explicit VR Little Endian')
  const headerless = await frameOf('no_meta.dcm')
  const withHeader = await frameOf('CT_small.dcm')
  assert.deepEqual([headerless.rows, headerless.columns], [128, 128])
  assert.deepEqual(headerless.window, withHeader.window)
  assert.deepEqual(headerless.rgba, withHeader.rgba)
})

test('a JPEG baseline image is decoded to its colour bars', async () => {
  const { tags } = await readDicom(await fixture('SC_rgb_dcmtk_+eb+cr.dcm'))
  assert.equal(tags.transferSyntaxName, 'JPEG Baseline')
  const frame = await frameOf('SC_rgb_dcmtk_+eb+cr.dcm')
  assert.deepEqual([frame.rows, frame.columns], [100, 100])
  // The test pattern's bars, ten rows each (pydicom's reference values for SC_rgb); JPEG is lossy,
  // so each channel may be a little off.
  const bars = [
    [255, 0, 0],
    [255, 128, 128],
    [0, 255, 0],
    [128, 255, 128],
    [0, 0, 255],
    [128, 128, 255],
    [0, 0, 0],
    [64, 64, 64],
    [192, 192, 192],
    [255, 255, 255],
  ]
  bars.forEach((expected, bar) => {
    const actual = rgbAt(frame, bar * 10 + 5, 50)
    actual.forEach((value, channel) =>
      assert.ok(
        Math.abs(value - expected[channel]!) <= 3,
        `bar ${bar}: ${actual.join(',')} is not ${expected.join(',')}`,
      ),
    )
  })
})

test('a JPEG 2000 image is decoded to signed 16-bit grey values', async () => {
  const { tags } = await readDicom(await fixture('JPEG2000.dcm'))
  assert.match(tags.transferSyntaxName, /JPEG 2000/)
  const frame = await frameOf('JPEG2000.dcm')
  assert.deepEqual([frame.rows, frame.columns], [1024, 256])
  // The file sets no window, so the window spans the decoded values: a bone scan's counts, signed.
  const window = frame.window!
  assert.equal(window.fromFile, false)
  const low = window.center - window.width / 2
  const high = window.center + window.width / 2
  assert.ok(low < 0 && low >= -32768, `lowest value ${low}`)
  assert.ok(high > 100 && high <= 32767, `highest value ${high}`)
  // Row 260, column 0 holds -3 (the value other decoders report for this file).
  const grey = Math.round(((-3 - low) / window.width) * 255)
  assert.deepEqual(rgbAt(frame, 260, 0), [grey, grey, grey])
})

test('a truncated file fails with a readable message', async () => {
  const damaged = await fixture('rtplan_truncated.dcm')
  await assert.rejects(
    () => readDicom(damaged),
    (error: unknown) => /dicomParser/.test(dicomErrorMessage(error)),
  )
})
