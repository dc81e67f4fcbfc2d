import {
  checkFileContent,
  contentChecked,
  DICOM_HEAD_BYTES,
  WHOLE_FILE_CHECK_BYTES,
  type FileWarning,
} from './fileChecks.ts'

/** Reads what the checks of `fileChecks.ts` need of a chosen file, and runs them. */
export async function checkFile(
  file: File,
  mime: string,
  chartName: string | undefined,
): Promise<FileWarning[]> {
  if (file.size === 0 || !contentChecked(mime)) {
    return checkFileContent({ size: file.size, mime, bytes: new Uint8Array() }, chartName)
  }
  const read = file.size <= WHOLE_FILE_CHECK_BYTES ? file : file.slice(0, DICOM_HEAD_BYTES)
  const bytes = new Uint8Array(await read.arrayBuffer())
  return checkFileContent({ size: file.size, mime, bytes }, chartName)
}
