import { extname } from 'node:path'

/** Media types the viewer recognises, by file extension; anything else is a plain download. */
const byExtension: Record<string, string> = {
  '.dcm': 'application/dicom',
  '.dicom': 'application/dicom',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain',
  '.json': 'application/fhir+json',
}

export function mimeOf(path: string): string {
  return byExtension[extname(path).toLowerCase()] ?? 'application/octet-stream'
}
