/**
 * Checks of a chosen file before it is anchored for good (anchored records cannot be deleted):
 * what looks wrong is shown as a warning the uploader confirms or answers by removing the file.
 * An empty file is refused by the node itself (ERR_EMPTY_FILE), so here it is a blocker.
 */
import { dicomErrorMessage, readDicomTags } from '../viewer/dicom.ts'

export type FileWarning =
  | { kind: 'empty' }
  | { kind: 'fhir-not-json' }
  | { kind: 'fhir-no-resource-type' }
  | { kind: 'dicom-damaged'; message: string }
  | { kind: 'dicom-other-patient'; nameInFile: string; chartName: string }

/** Warnings the uploader cannot confirm away: the node refuses these files. */
export function isBlocking(warning: FileWarning): boolean {
  return warning.kind === 'empty'
}

/** Warnings for a FHIR JSON file: it must parse, and be a resource (name its resourceType). */
export function checkFhir(text: string): FileWarning[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return [{ kind: 'fhir-not-json' }]
  }
  const resourceType =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { resourceType?: unknown }).resourceType
      : undefined
  return typeof resourceType === 'string' && resourceType.trim() !== ''
    ? []
    : [{ kind: 'fhir-no-resource-type' }]
}

const separators = /[\s^,.\-·]+/gu

/** A person's name as its lower-case words in order, without DICOM's separators or punctuation. */
function nameWords(name: string): string[] {
  return name.normalize('NFKC').toLowerCase().split(separators).filter(Boolean)
}

/**
 * Whether a DICOM PatientName (Family^Given^Middle^Prefix^Suffix, up to three component groups
 * split by "=": alphabetic, ideographic, phonetic) names the chart's patient: the same words in any
 * order (Doe^John and John Doe), or the same characters once separators are dropped (王^小明 and
 * 王小明).
 */
export function sameName(dicomName: string, chartName: string): boolean {
  const chartWords = nameWords(chartName)
  const sorted = (words: string[]) => [...words].sort().join(' ')
  return dicomName.split('=').some((group) => {
    const words = nameWords(group)
    return (
      words.length > 0 &&
      (words.join('') === chartWords.join('') || sorted(words) === sorted(chartWords))
    )
  })
}

/**
 * Warnings for a DICOM file: it must parse to the end, and the patient it names (when it names
 * one) must be the chart's patient, when this node knows the chart's name.
 */
export function checkDicom(
  bytes: Uint8Array,
  chartName: string | undefined,
  options: { wholeFile: boolean } = { wholeFile: true },
): FileWarning[] {
  let nameInFile: string | undefined
  try {
    // Only the start of a large file is read: its tags, up to the pixel data.
    const untilTag = options.wholeFile ? undefined : 'x7fe00010'
    nameInFile = readDicomTags(bytes, { untilTag }).data.string('x00100010')?.trim()
  } catch (error) {
    return [{ kind: 'dicom-damaged', message: dicomErrorMessage(error) }]
  }
  if (!nameInFile || !chartName || sameName(nameInFile, chartName)) return []
  return [
    { kind: 'dicom-other-patient', nameInFile: nameInFile.replace(/\^+/g, ' ').trim(), chartName },
  ]
}

/** Files up to this size are read whole for the checks; of larger ones, the start only. */
export const WHOLE_FILE_CHECK_BYTES = 64 * 1024 * 1024
/** The start of a large DICOM file read for its tags. */
export const DICOM_HEAD_BYTES = 1024 * 1024

/**
 * The checks a file gets, by the media type the upload records for it. `bytes` is the whole file
 * up to WHOLE_FILE_CHECK_BYTES, else its first DICOM_HEAD_BYTES.
 */
export function checkFileContent(
  file: { size: number; mime: string; bytes: Uint8Array },
  chartName: string | undefined,
): FileWarning[] {
  if (file.size === 0) return [{ kind: 'empty' }]
  const wholeFile = file.bytes.length === file.size
  if (file.mime === 'application/dicom') return checkDicom(file.bytes, chartName, { wholeFile })
  if (file.mime === 'application/fhir+json' && wholeFile) {
    return checkFhir(new TextDecoder().decode(file.bytes))
  }
  return []
}

/** Whether a file of this type and size gets a check that reads its content. */
export function contentChecked(mime: string): boolean {
  return mime === 'application/dicom' || mime === 'application/fhir+json'
}
