/**
 * Small, valid sample files made on the spot, so the specs depend on no binary fixture: a PNG
 * (zlib-compressed RGB rows, CRC-checked chunks) and a PDF whose cross-reference table points at
 * the right byte offsets.
 */
import { crc32, deflateSync } from 'node:zlib'

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A width × height RGB PNG: a diagonal gradient with a ring, tinted by `seed`. */
export function makePng(width: number, height: number, seed = 0): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // colour type: RGB
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1)
    rows[row] = 0 // filter: none
    for (let x = 0; x < width; x += 1) {
      const dx = x - width / 2
      const dy = y - height / 2
      const ring = Math.abs(Math.sqrt(dx * dx + dy * dy) - Math.min(width, height) / 3) < 6
      const offset = row + 1 + x * 3
      rows[offset] = ring ? 255 : Math.round((x / width) * 200 + seed) % 256
      rows[offset + 1] = ring ? 255 : Math.round((y / height) * 180)
      rows[offset + 2] = ring ? 255 : 120 + (seed % 100)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function pdfText(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`)
}

/** An A4 PDF with one page per entry of `pages`, each a heading and lines of Helvetica. */
export function makePdf(pages: readonly { heading: string; lines: readonly string[] }[]): Buffer {
  const objects: string[] = []
  const pageIds = pages.map((_, index) => 4 + index * 2)
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  pages.forEach((page, index) => {
    const id = pageIds[index]!
    const body = [
      'BT /F1 20 Tf 56 780 Td',
      `(${pdfText(page.heading)}) Tj`,
      '/F1 12 Tf 0 -32 Td 16 TL',
      ...page.lines.map((line) => `(${pdfText(line)}) '`),
      'ET',
      '0.1 0.45 0.6 RG 2 w 56 768 m 539 768 l S',
    ].join('\n')
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ` +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`
    objects[id + 1] =
      `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`
  })
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1')
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`
  }
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let id = 1; id < objects.length; id += 1) {
    pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  }
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}
