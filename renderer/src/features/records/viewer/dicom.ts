/**
 * DICOM files: the tags a reader checks first, and the first frame drawn with the file's own
 * window, for the uncompressed transfer syntaxes. Compressed frames are named, not decoded.
 */
import dicomParser, { type DataSet } from 'dicom-parser'
import { hasAscii } from './bytes.ts'

// dicom-parser is a UMD bundle: its default export is the namespace in Vite and in Node alike.
const { parseDicom } = dicomParser

const transferSyntaxes: Record<string, { name: string; compressed: boolean }> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', compressed: false },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', compressed: false },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', compressed: true },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', compressed: false },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline', compressed: true },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended', compressed: true },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless', compressed: true },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless, first-order prediction', compressed: true },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', compressed: true },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', compressed: true },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', compressed: true },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', compressed: true },
  '1.2.840.10008.1.2.4.201': { name: 'HTJ2K Lossless', compressed: true },
  '1.2.840.10008.1.2.4.202': { name: 'HTJ2K Lossless RPCL', compressed: true },
  '1.2.840.10008.1.2.4.203': { name: 'HTJ2K', compressed: true },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', compressed: true },
}

const IMPLICIT_LITTLE = '1.2.840.10008.1.2'
const BIG_ENDIAN = '1.2.840.10008.1.2.2'

export interface DicomTags {
  patientName?: string
  patientId?: string
  modality?: string
  studyDate?: string
  studyDescription?: string
  seriesDescription?: string
  rows?: number
  columns?: number
  frames: number
  bitsAllocated?: number
  photometric?: string
  transferSyntaxUid: string
  transferSyntaxName: string
  windowCenter?: number
  windowWidth?: number
}

/** What can be drawn from the file. */
export type DicomImage =
  | { kind: 'frame'; frame: Frame }
  | { kind: 'compressed' }
  | { kind: 'none' }
  | { kind: 'unsupported'; reason: 'bits' | 'samples' | 'short'; value: number }

export interface Frame {
  rows: number
  columns: number
  /** RGBA pixels, ready for a canvas. */
  rgba: Uint8ClampedArray<ArrayBuffer>
  /** Grey images: the window used, the file's own or the data's range when it has none. */
  window?: { center: number; width: number; fromFile: boolean }
}

export interface ParsedDicom {
  tags: DicomTags
  image: DicomImage
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }`: one readable message. */
export function dicomErrorMessage(error: unknown): string {
  if (typeof error === 'string') return error
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error !== null && 'exception' in error) {
    return String((error as { exception: unknown }).exception)
  }
  return String(error)
}

function dicomDate(value: string | undefined): string | undefined {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})$/)
  return match ? `${match[1]}-${match[2]}-${match[3]}` : value
}

function personName(value: string | undefined): string | undefined {
  // Family^Given^Middle^Prefix^Suffix, as people write it.
  return value
    ?.split('^')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')
}

function readTags(data: DataSet, transferSyntaxUid: string): DicomTags {
  const known = transferSyntaxes[transferSyntaxUid]
  return {
    patientName: personName(data.string('x00100010')),
    patientId: data.string('x00100020'),
    modality: data.string('x00080060'),
    studyDate: dicomDate(data.string('x00080020')),
    studyDescription: data.string('x00081030'),
    seriesDescription: data.string('x0008103e'),
    rows: data.uint16('x00280010'),
    columns: data.uint16('x00280011'),
    frames: data.intString('x00280008') ?? 1,
    bitsAllocated: data.uint16('x00280100'),
    photometric: data.string('x00280004'),
    transferSyntaxUid,
    transferSyntaxName: known?.name ?? transferSyntaxUid,
    windowCenter: data.floatString('x00281050'),
    windowWidth: data.floatString('x00281051'),
  }
}

type Unsupported = Extract<DicomImage, { kind: 'unsupported' }>

/** Where the first frame's pixels are, or why they cannot be drawn here. */
function firstFrame(
  data: DataSet,
  tags: DicomTags,
): { view: DataView; count: number; samples: number } | Unsupported {
  const pixels = data.elements.x7fe00010!
  const count = (tags.rows ?? 0) * (tags.columns ?? 0)
  const bits = tags.bitsAllocated ?? 0
  const samples = data.uint16('x00280002') ?? 1
  if (samples !== 1 && samples !== 3)
    return { kind: 'unsupported', reason: 'samples', value: samples }
  if (bits !== 8 && (bits !== 16 || samples !== 1)) {
    return { kind: 'unsupported', reason: 'bits', value: bits }
  }
  const length = count * samples * (bits / 8)
  if (count === 0 || pixels.length < length || pixels.dataOffset + length > data.byteArray.length) {
    return { kind: 'unsupported', reason: 'short', value: pixels.length }
  }
  const view = new DataView(
    data.byteArray.buffer,
    data.byteArray.byteOffset + pixels.dataOffset,
    length,
  )
  return { view, count, samples }
}

/** Stored grey values (before rescale). */
function greyValues(data: DataSet, tags: DicomTags, view: DataView, count: number): Float64Array {
  const signed = data.uint16('x00280103') === 1
  const littleEndian = tags.transferSyntaxUid !== BIG_ENDIAN
  const values = new Float64Array(count)
  for (let i = 0; i < count; i += 1) {
    values[i] =
      tags.bitsAllocated === 8
        ? signed
          ? view.getInt8(i)
          : view.getUint8(i)
        : signed
          ? view.getInt16(i * 2, littleEndian)
          : view.getUint16(i * 2, littleEndian)
  }
  return values
}

/** 8-bit RGB, interleaved (RGBRGB…) or planar (RR…GG…BB…). */
function drawRgb(data: DataSet, tags: DicomTags, view: DataView, count: number): Frame {
  const planar = data.uint16('x00280006') === 1
  const rgba = new Uint8ClampedArray(count * 4)
  for (let i = 0; i < count; i += 1) {
    for (let channel = 0; channel < 3; channel += 1) {
      rgba[i * 4 + channel] = view.getUint8(planar ? channel * count + i : i * 3 + channel)
    }
    rgba[i * 4 + 3] = 255
  }
  return { rows: tags.rows!, columns: tags.columns!, rgba }
}

/** Rescales to modality values, applies the window, and writes grey RGBA pixels. */
function drawFrame(data: DataSet, tags: DicomTags, values: Float64Array): Frame {
  const slope = data.floatString('x00281053') ?? 1
  const intercept = data.floatString('x00281052') ?? 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]! * slope + intercept
    values[i] = value
    if (value < min) min = value
    if (value > max) max = value
  }
  const fromFile = tags.windowCenter !== undefined && (tags.windowWidth ?? 0) > 0
  const center = fromFile ? tags.windowCenter! : (min + max) / 2
  const width = fromFile ? tags.windowWidth! : Math.max(1, max - min)
  const low = center - width / 2
  const invert = tags.photometric === 'MONOCHROME1'
  const rgba = new Uint8ClampedArray(values.length * 4)
  for (let i = 0; i < values.length; i += 1) {
    let grey = ((values[i]! - low) / width) * 255
    if (invert) grey = 255 - grey
    rgba[i * 4] = grey
    rgba[i * 4 + 1] = grey
    rgba[i * 4 + 2] = grey
    rgba[i * 4 + 3] = 255
  }
  return { rows: tags.rows!, columns: tags.columns!, rgba, window: { center, width, fromFile } }
}

/**
 * Reads a DICOM file. A file without the Part 10 header (no "DICM") is read as implicit VR
 * little endian, the default. Throws what dicom-parser throws for a damaged file.
 */
export function readDicom(bytes: Uint8Array): ParsedDicom {
  const part10 = hasAscii(bytes, 'DICM', 128)
  const data = part10
    ? parseDicom(bytes)
    : parseDicom(bytes, { TransferSyntaxUID: IMPLICIT_LITTLE })
  const transferSyntaxUid = data.string('x00020010') ?? IMPLICIT_LITTLE
  const tags = readTags(data, transferSyntaxUid)
  const syntax = transferSyntaxes[transferSyntaxUid]
  if (!data.elements.x7fe00010) return { tags, image: { kind: 'none' } }
  if (syntax?.compressed || data.elements.x7fe00010.encapsulatedPixelData) {
    return { tags, image: { kind: 'compressed' } }
  }
  const located = firstFrame(data, tags)
  if ('kind' in located) return { tags, image: located }
  const { view, count, samples } = located
  const frame =
    samples === 3
      ? drawRgb(data, tags, view, count)
      : drawFrame(data, tags, greyValues(data, tags, view, count))
  return { tags, image: { kind: 'frame', frame } }
}
