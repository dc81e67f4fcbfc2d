import { hasAscii } from './bytes.ts'

/** Which viewer shows a file. */
export type ContentKind = 'image' | 'pdf' | 'dicom' | 'json' | 'text' | 'other'

/**
 * By the media type recorded at upload, then by the bytes themselves (a DICOM file has "DICM"
 * after its 128-byte preamble, a PDF starts with "%PDF-"), so a file typed
 * application/octet-stream still gets its viewer.
 */
export function contentKind(mime: string, fileName: string, bytes: Uint8Array): ContentKind {
  const type = mime.toLowerCase().split(';')[0]!.trim()
  const name = fileName.toLowerCase()
  if (type === 'application/dicom' || hasAscii(bytes, 'DICM', 128)) return 'dicom'
  if (type === 'application/pdf' || hasAscii(bytes, '%PDF-')) return 'pdf'
  if (type.startsWith('image/')) return 'image'
  if (type === 'application/fhir+json' || type === 'application/json' || type.endsWith('+json')) {
    return 'json'
  }
  if (name.endsWith('.json')) return 'json'
  if (type.startsWith('text/')) return 'text'
  return 'other'
}
