/**
 * DICOM files: the tags a reader checks first, and the first frame drawn with the file's own
 * window: uncompressed, or decoded from JPEG baseline or JPEG 2000 (`dicom-codecs.ts`). Other
 * compressions are named, not decoded.
 */
import dicomParser, { type DataSet } from 'dicom-parser'
import { hasAscii } from './bytes.ts'
import { codecFor, decodeFrame } from './dicom-codecs.ts'

// dicom-parser is a UMD bundle: its default export is the namespace in Vite and in Node alike.
const { parseDicom, readEncapsulatedImageFrame, readEncapsulatedPixelDataFromFragments } =
  dicomParser

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
const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1'
const BIG_ENDIAN = '1.2.840.10008.1.2.2'

/** The value representations of PS3.5 6.2, which an explicit-VR element names after its tag. */
const valueRepresentations = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
)

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
  /** Compressed with a scheme no decoder here reads. */
  | { kind: 'compressed' }
  /** Compressed with a scheme decoded here, but the decoder refused the frame. */
  | { kind: 'undecodable'; message: string }
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

/** One frame's stored samples, wherever they came from. */
interface Pixels {
  view: DataView
  rows: number
  columns: number
  /** Pixels in the frame. */
  count: number
  samples: number
  bits: 8 | 16
  signed: boolean
  littleEndian: boolean
  /** Colour planes one after another (RR…GG…BB…) rather than interleaved. */
  planar: boolean
}

/** Whether the frame's layout is one this viewer draws: grey 8 or 16 bits, or 8-bit RGB. */
function checkLayout(samples: number, bits: number): Unsupported | undefined {
  if (samples !== 1 && samples !== 3) {
    return { kind: 'unsupported', reason: 'samples', value: samples }
  }
  if (bits !== 8 && (bits !== 16 || samples !== 1)) {
    return { kind: 'unsupported', reason: 'bits', value: bits }
  }
  return undefined
}

/** The first frame of native (uncompressed) pixel data. */
function nativeFrame(data: DataSet, tags: DicomTags): Pixels | Unsupported {
  const pixels = data.elements.x7fe00010!
  const count = (tags.rows ?? 0) * (tags.columns ?? 0)
  const bits = tags.bitsAllocated ?? 0
  const samples = data.uint16('x00280002') ?? 1
  const refused = checkLayout(samples, bits)
  if (refused) return refused
  const length = count * samples * (bits / 8)
  if (count === 0 || pixels.length < length || pixels.dataOffset + length > data.byteArray.length) {
    return { kind: 'unsupported', reason: 'short', value: pixels.length }
  }
  const view = new DataView(
    data.byteArray.buffer,
    data.byteArray.byteOffset + pixels.dataOffset,
    length,
  )
  return {
    view,
    rows: tags.rows!,
    columns: tags.columns!,
    count,
    samples,
    bits: bits as 8 | 16,
    signed: data.uint16('x00280103') === 1,
    littleEndian: tags.transferSyntaxUid !== BIG_ENDIAN,
    planar: data.uint16('x00280006') === 1,
  }
}

/** The first frame's encoded bytes: its fragments, found by the offset table when one is given. */
function encodedFirstFrame(data: DataSet, frames: number): Uint8Array {
  const element = data.elements.x7fe00010!
  const fragments = element.fragments ?? []
  if ((element.basicOffsetTable?.length ?? 0) > 0) {
    return readEncapsulatedImageFrame(data, element, 0)
  }
  // Without an offset table: one fragment per frame, or a single frame in every fragment.
  const count = frames > 1 && fragments.length === frames ? 1 : fragments.length
  return readEncapsulatedPixelDataFromFragments(data, element, 0, count)
}

/** Decodes the first frame of a compressed file, when a decoder here reads its syntax. */
async function decodedFrame(data: DataSet, tags: DicomTags): Promise<Pixels | DicomImage> {
  const codec = codecFor(tags.transferSyntaxUid)
  if (!codec) return { kind: 'compressed' }
  let decoded
  try {
    decoded = await decodeFrame(codec, encodedFirstFrame(data, tags.frames))
  } catch (error) {
    return { kind: 'undecodable', message: dicomErrorMessage(error) }
  }
  const bits = decoded.bitsPerSample <= 8 ? 8 : 16
  const refused = checkLayout(decoded.componentCount, bits)
  if (refused) return refused
  const count = decoded.width * decoded.height
  const length = count * decoded.componentCount * (bits / 8)
  if (decoded.pixels.length < length) {
    return { kind: 'unsupported', reason: 'short', value: decoded.pixels.length }
  }
  return {
    view: new DataView(decoded.pixels.buffer, decoded.pixels.byteOffset, length),
    rows: decoded.height,
    columns: decoded.width,
    count,
    samples: decoded.componentCount,
    bits,
    // The file says how its values are meant; the decoders always write little endian, interleaved.
    signed: data.uint16('x00280103') === 1,
    littleEndian: true,
    planar: false,
  }
}

/** Stored grey values (before rescale). */
function greyValues(pixels: Pixels): Float64Array {
  const { view, count, bits, signed, littleEndian } = pixels
  const values = new Float64Array(count)
  for (let i = 0; i < count; i += 1) {
    values[i] =
      bits === 8
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
function drawRgb(pixels: Pixels): Frame {
  const { view, count, planar } = pixels
  const rgba = new Uint8ClampedArray(count * 4)
  for (let i = 0; i < count; i += 1) {
    for (let channel = 0; channel < 3; channel += 1) {
      rgba[i * 4 + channel] = view.getUint8(planar ? channel * count + i : i * 3 + channel)
    }
    rgba[i * 4 + 3] = 255
  }
  return { rows: pixels.rows, columns: pixels.columns, rgba }
}

/** Rescales to modality values, applies the window, and writes grey RGBA pixels. */
function drawFrame(data: DataSet, tags: DicomTags, pixels: Pixels): Frame {
  const values = greyValues(pixels)
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
  return { rows: pixels.rows, columns: pixels.columns, rgba, window: { center, width, fromFile } }
}

/** Where a data set without the Part 10 header starts, and how it is encoded. */
interface Headerless {
  offset: number
  syntax: string
}

/**
 * Finds the first element of a file without the Part 10 header (no "DICM", hence no transfer
 * syntax tag): little endian, with explicit VRs when the element names a VR after its tag, else
 * implicit, the default. A file cut from a Part 10 file may keep a stray byte or three of the
 * header's padding (`no_meta.dcm` starts with one), so the first few offsets are tried for an
 * element whose tag is a data set's (an even group past the header's) and whose VR or length fits.
 */
function findHeaderless(bytes: Uint8Array): Headerless | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let offset = 0; offset <= 3 && offset + 8 <= bytes.length; offset += 1) {
    const group = view.getUint16(offset, true)
    if (group % 2 !== 0 || group < 0x0008) continue
    const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!)
    if (valueRepresentations.has(vr)) return { offset, syntax: EXPLICIT_LITTLE }
    const length = view.getUint32(offset + 4, true)
    if (length % 2 === 0 && offset + 8 + length <= bytes.length) {
      return { offset, syntax: IMPLICIT_LITTLE }
    }
  }
  return undefined
}

/**
 * The parsed data set and its tags; `untilTag` stops before that element (for the start of a
 * file). Throws what dicom-parser throws for a damaged file.
 */
export function readDicomTags(
  bytes: Uint8Array,
  options: { untilTag?: string } = {},
): { data: DataSet; tags: DicomTags } {
  if (hasAscii(bytes, 'DICM', 128)) {
    const data = parseDicom(bytes, options)
    return { data, tags: readTags(data, data.string('x00020010') ?? IMPLICIT_LITTLE) }
  }
  const { offset, syntax } = findHeaderless(bytes) ?? { offset: 0, syntax: IMPLICIT_LITTLE }
  const data = parseDicom(bytes.subarray(offset), { ...options, TransferSyntaxUID: syntax })
  return { data, tags: readTags(data, syntax) }
}

/**
 * Reads a DICOM file and draws its first frame, decoding it when it is compressed with JPEG
 * baseline or JPEG 2000. Throws what dicom-parser throws for a damaged file.
 */
export async function readDicom(bytes: Uint8Array): Promise<ParsedDicom> {
  const { data, tags } = readDicomTags(bytes)
  const element = data.elements.x7fe00010
  if (!element) return { tags, image: { kind: 'none' } }
  const compressed = transferSyntaxes[tags.transferSyntaxUid]?.compressed
  const located =
    compressed || element.encapsulatedPixelData
      ? await decodedFrame(data, tags)
      : nativeFrame(data, tags)
  if ('kind' in located) return { tags, image: located }
  const frame = located.samples === 3 ? drawRgb(located) : drawFrame(data, tags, located)
  return { tags, image: { kind: 'frame', frame } }
}
