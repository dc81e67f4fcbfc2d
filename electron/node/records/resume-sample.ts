/**
 * How a resumed upload recognises its file: the SHA-256 of the file's first bytes and of the
 * bytes just before where it stopped, both at most SAMPLE_BYTES, with the file's size. Pure, so
 * the renderer computes the same ranges of the file it is handed again.
 */
import { z } from 'zod'

export const SAMPLE_BYTES = 64 * 1024

/** The two ranges [start, end) of a file sampled once `received` bytes were taken. */
export function sampleRanges(received: number): { head: [number, number]; tail: [number, number] } {
  return {
    head: [0, Math.min(received, SAMPLE_BYTES)],
    tail: [Math.max(0, received - SAMPLE_BYTES), received],
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hex')

export const uploadResumeSchema = z
  .object({
    uploadId: z.uuid(),
    /** The file handed again: its size, and its samples at the `received` the list showed. */
    size: z.number().int().min(0),
    received: z.number().int().min(0),
    head: sha256Hex,
    tail: sha256Hex,
  })
  .strict()
export type UploadResumeInput = z.output<typeof uploadResumeSchema>
