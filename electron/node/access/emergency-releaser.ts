/**
 * The institution emergency releaser: an account created on the custodian's node when an
 * administrator turns automatic release on, whose key only this node holds, sealed by the node's
 * own secret (vault/node-secret.ts). The registry lets it release emergency keys for its
 * institution (`setEmergencyReleaser`), so keys go out with nobody signed in. New versions wrap
 * their key for it as a custodian (records/readers.ts); versions older than it reach it through
 * key bundles the enabling administrator's node publishes. A copy of the data folder holds the
 * sealed key only: without the node's secret it opens nothing.
 */
import { getAddress, getBytes, hexlify, Wallet, ZeroAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { NodeSecretMismatchError, NodeSecretUnavailableError } from '../errors.ts'
import { fundFromFaucet } from '../identity/accounts.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { TxReceiptView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'
import { releaserOf } from '../records/readers.ts'
import { deriveEncryptionKey } from '../vault/encryption-key.ts'
import type { NodeSecretSource } from '../vault/node-secret.ts'
import { adminInstitution } from './emergency-roles.ts'
import { publishKeyBundle, type KeyHolder } from './key-bundle.ts'
import type { AutomaticReleaseView } from './types.ts'

interface ReleaserRow {
  institution: number
  address: string
  encryption_public_key: string
  sealed_key: Uint8Array
  secret_source: NodeSecretSource
}

/** The releaser of `institution` this node holds and the registry still names; else undefined. */
function heldRow(node: HospitalNode, institution: number): ReleaserRow | undefined {
  const named = releaserOf(node, institution)
  const row = node.db
    .prepare('SELECT * FROM emergency_releasers WHERE institution = ?')
    .get(institution) as ReleaserRow | undefined
  return named && row && getAddress(row.address) === named ? row : undefined
}

/** The releaser's key, unsealed for one release: its signer and its custodian keys. */
export interface UnsealedReleaser {
  signer: Wallet
  holder: (patient: string) => KeyHolder
}

/**
 * The releaser of `institution` this node holds, unsealed with the node's secret; null when this
 * node holds none (or no secret). Throws NodeSecretMismatchError when the secret is not the one
 * that sealed it (a copied data folder on another machine).
 */
export async function unsealReleaser(
  node: HospitalNode,
  institution: number,
): Promise<UnsealedReleaser | null> {
  const row = heldRow(node, institution)
  if (!row || !node.nodeSecret) return null
  const privateKey = await node.nodeSecret.unseal(row.sealed_key)
  const signer = new Wallet(hexlify(privateKey), node.chain.provider)
  privateKey.fill(0)
  if (getAddress(signer.address) !== getAddress(row.address)) throw new NodeSecretMismatchError()
  const encryptionKey = deriveEncryptionKey(signer.privateKey)
  return {
    signer,
    holder: (patient) => ({
      address: signer.address,
      roles: ['custodian'],
      encryptionKey,
      bundleCids: releaserBundleCids(node, signer.address, patient),
    }),
  }
}

function releaserBundleCids(node: HospitalNode, releaser: string, patient: string): CID[] {
  return (
    node.db
      .prepare('SELECT cid FROM emergency_releaser_bundles WHERE releaser = ? AND patient = ?')
      .all(getAddress(releaser), getAddress(patient)) as { cid: string }[]
  ).map((row) => CID.parse(row.cid))
}

/**
 * Turns automatic release on for the signed-in administrator's institution: creates the
 * releaser, seals its key with the node's secret, has the registry name it, and hands it the
 * custodian keys this administrator holds. Calling it again replaces the releaser.
 */
export async function enableAutomaticRelease(
  node: HospitalNode,
): Promise<{ releaser: string; keysWrapped: number; receipt: TxReceiptView }> {
  const secret = node.nodeSecret
  if (!secret) throw new NodeSecretUnavailableError()
  const session = node.vault.requireSession()
  const institution = await adminInstitution(node)
  const releaser = Wallet.createRandom()
  const encryptionKey = deriveEncryptionKey(releaser.privateKey)
  // Stored before the registry names it: a crash in between leaves a key nobody uses, never a
  // releaser whose key is lost.
  node.db
    .prepare(
      `INSERT OR REPLACE INTO emergency_releasers
         (institution, address, encryption_public_key, sealed_key, secret_source, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      institution,
      releaser.address,
      encryptionKey.publicKey,
      await secret.seal(getBytes(releaser.privateKey)),
      secret.source,
      new Date().toISOString(),
    )
  await fundFromFaucet(node, releaser.address)
  const sent = await callRegistry(node, sessionSigner(node), 'setEmergencyReleaser', [
    institution,
    releaser.address,
    encryptionKey.publicKey,
  ])
  const keysWrapped = await wrapCustodianKeysFor(node, releaser.address, {
    address: session.address,
    roles: ['custodian', 'uploader'],
    encryptionKey: session.encryptionKey,
  })
  node.log.info('automatic emergency release enabled', { institution, keysWrapped })
  return {
    releaser: releaser.address,
    keysWrapped,
    receipt: receiptView(node, sent, 'automatic release enabled'),
  }
}

/**
 * Turns automatic release off for the signed-in administrator's institution: the registry names
 * nobody, and this node forgets the sealed key and its bundles. Administrators still release.
 */
export async function disableAutomaticRelease(
  node: HospitalNode,
): Promise<{ receipt: TxReceiptView }> {
  const institution = await adminInstitution(node)
  const sent = await callRegistry(node, sessionSigner(node), 'setEmergencyReleaser', [
    institution,
    ZeroAddress,
    '0x',
  ])
  const row = node.db
    .prepare('SELECT address FROM emergency_releasers WHERE institution = ?')
    .get(institution) as { address: string } | undefined
  if (row) {
    node.db.prepare('DELETE FROM emergency_releaser_bundles WHERE releaser = ?').run(row.address)
    node.db.prepare('DELETE FROM emergency_releasers WHERE institution = ?').run(institution)
  }
  node.log.info('automatic emergency release disabled', { institution })
  return { receipt: receiptView(node, sent, 'automatic release disabled') }
}

/** Publishes, per patient, a bundle of the keys `holder` holds, wrapped for the releaser. */
async function wrapCustodianKeysFor(
  node: HospitalNode,
  releaser: string,
  holder: KeyHolder,
): Promise<number> {
  const patients = node.db.prepare('SELECT DISTINCT patient FROM records').all() as {
    patient: string
  }[]
  const remember = node.db.prepare(
    'INSERT OR IGNORE INTO emergency_releaser_bundles (releaser, patient, cid) VALUES (?, ?, ?)',
  )
  let wrapped = 0
  for (const { patient } of patients) {
    const bundle = await publishKeyBundle(node, { patient, reader: releaser, holder })
    if (!bundle.cid) continue
    remember.run(getAddress(releaser), getAddress(patient), bundle.cid.toString())
    wrapped += bundle.keys
  }
  return wrapped
}

/** Whether `institution` releases keys automatically, and whether this node is the one. */
export async function automaticReleaseStatus(
  node: HospitalNode,
  institution: number,
): Promise<AutomaticReleaseView> {
  const releaser = releaserOf(node, institution)
  const secret = node.nodeSecret?.source ?? null
  let heldHere = false
  let sealedByAnotherSecret = false
  try {
    heldHere = (await unsealReleaser(node, institution)) !== null
  } catch (error) {
    if (!(error instanceof NodeSecretMismatchError)) throw error
    sealedByAnotherSecret = true
  }
  return { on: releaser !== null, releaser, heldHere, nodeSecret: secret, sealedByAnotherSecret }
}
