/**
 * A record version's manifest: a small JSON block on IPFS whose CID is what the chain anchors.
 * It names the encrypted content, seals the metadata, and carries the version's key wrapped for
 * each reader. Nothing in it is readable without one of those keys.
 */
import { z } from 'zod'
import { decryptBytes } from '../crypto/segmented-cipher.ts'
import { TamperedContentError } from '../errors.ts'

export const MANIFEST_FORMAT = 'emr-record/1'

const base64 = z.base64()
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/)

export const readerRoles = ['patient', 'uploader', 'custodian', 'grantee'] as const
export type ReaderRole = (typeof readerRoles)[number]

const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    patient: address,
    /** CID of the encrypted content (UnixFS). */
    content: z.string().min(1),
    /** Size of the encrypted content in bytes. */
    contentSize: z.number().int().min(0),
    /** The previous version's manifest CID; null for version 1. */
    previous: z.string().min(1).nullable(),
    /** The sealed metadata (title, category, date of care, file name, mime, size, SHA-256). */
    metadata: base64,
    keys: z
      .array(z.object({ reader: address, role: z.enum(readerRoles), wrappedKey: base64 }).strict())
      .min(1),
    /**
     * Present on a key rotation: the same file as `previous`, encrypted again under a fresh key
     * for fewer readers (access/rotation.ts), not a clinical change.
     */
    keyRotation: z.literal(true).optional(),
    /** The keyed fingerprint of the plaintext (records/fingerprint.ts); absent in older ones. */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict()

export type Manifest = z.output<typeof manifestSchema>

/** The sealed metadata inside a manifest. */
export const sealedMetadataSchema = z
  .object({
    title: z.string(),
    category: z.string(),
    dateOfCare: z.string(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
export type SealedMetadata = z.output<typeof sealedMetadataSchema>

export function encodeManifest(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest))
}

/** Parses a manifest block; anything unexpected is treated as tampering. */
export function decodeManifest(bytes: Uint8Array): Manifest {
  try {
    return manifestSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)))
  } catch {
    throw new TamperedContentError('The record manifest is not a valid EMR manifest')
  }
}

/** Binds content and metadata to the patient, so neither can be replayed under another record. */
export function contentAad(patient: string): Uint8Array {
  return new TextEncoder().encode(`${MANIFEST_FORMAT}|content|${patient.toLowerCase()}`)
}

export function metadataAad(patient: string, contentCid: string): Uint8Array {
  return new TextEncoder().encode(
    `${MANIFEST_FORMAT}|metadata|${patient.toLowerCase()}|${contentCid}`,
  )
}

/** Opens a manifest's sealed metadata with the version key; any failure is tampering. */
export async function unsealMetadata(
  manifest: Manifest,
  key: Uint8Array,
  cid: string,
): Promise<SealedMetadata> {
  try {
    const plain = await decryptBytes(
      Buffer.from(manifest.metadata, 'base64'),
      key,
      metadataAad(manifest.patient, manifest.content),
    )
    return sealedMetadataSchema.parse(JSON.parse(new TextDecoder().decode(plain)))
  } catch (error) {
    if (error instanceof TamperedContentError) throw error
    throw new TamperedContentError(`The key or metadata of ${cid} failed verification`)
  }
}
