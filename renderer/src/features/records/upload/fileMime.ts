/**
 * The media type recorded with an upload, which later picks the viewer. The extension decides
 * for the types the viewer knows (browsers give .dcm no type, and .json only the generic one);
 * otherwise the browser's own guess, else a plain download.
 */
const byExtension: Record<string, string> = {
  dcm: 'application/dicom',
  dicom: 'application/dicom',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  // Clinical JSON exchanged between hospitals is FHIR; the viewer still checks for resourceType.
  json: 'application/fhir+json',
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

export function mimeOfFile(file: { name: string; type: string }): string {
  const mime = byExtension[extensionOf(file.name)] ?? (file.type || 'application/octet-stream')
  return mime.slice(0, 127)
}

/** "CT chest 2024-05.dcm" → "CT chest 2024-05": a starting title the user can change. */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName).trim()
  return base.slice(0, 200)
}
