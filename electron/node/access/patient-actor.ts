/**
 * Who acts for a patient. Either the signed-in session is the patient, who calls the registry
 * directly (the embedded chain's faucet funded them at sign-in), or the patient consents at a
 * staff member's workstation with their keystore and passphrase: their key signs the EIP-712
 * message in memory and the staff member's account relays it, so the patient pays no gas. After a
 * key re-issue (identity/patient-keys.ts) the key that signs is the re-issued one, while the
 * actor's address stays the patient's: the registry keys records and grants by it.
 */
import { getAddress, type Signer, type Wallet } from 'ethers'
import { signRegistryMessage, compactSignature, type RegistryPrimaryType } from '../chain/eip712.ts'
import type { SentTransaction } from '../chain/outbox.ts'
import { signatureDeadline } from '../chain/signature-deadline.ts'
import { ConsentMismatchError, NotPermittedError } from '../errors.ts'
import { currentKeyOf, patientOfKey } from '../identity/patient-keys.ts'
import { callRegistry, sessionSigner } from '../identity/registry-calls.ts'
import type { HospitalNode } from '../node.ts'
import type { EncryptionKey } from '../vault/encryption-key.ts'
import type { PatientConsent } from './schemas.ts'

export interface PatientActor {
  /** The patient, whom records and grants are keyed by (not their re-issued key's address). */
  address: string
  encryptionKey: EncryptionKey
  via: 'patient-session' | 'relayed-signature'
  /**
   * Sends one patient action: `direct` as the patient's own call, or the `…BySig` variant with
   * `bySig(deadline, r, vs)` arguments over the typed `message` (nonce and deadline added here).
   */
  send(action: {
    direct: [method: string, args: unknown[]]
    typed: [primaryType: RegistryPrimaryType, message: Record<string, unknown>]
    bySig: (deadline: bigint, r: string, vs: string) => [method: string, args: unknown[]]
  }): Promise<SentTransaction>
}

export async function actForPatient(
  node: HospitalNode,
  patient: string,
  consent: PatientConsent | undefined,
): Promise<PatientActor> {
  const session = node.vault.requireSession()
  if (!consent) {
    // The registry takes a re-issued key's direct calls as its patient's.
    const speaksFor = (key: string) => key.toLowerCase() === patient.toLowerCase()
    if (!speaksFor(session.address) && !speaksFor(patientOfKey(node, session.address) ?? '')) {
      throw new NotPermittedError(
        'Only the patient may do this: sign in as the patient, or have them consent with their key file',
      )
    }
    const signer = sessionSigner(node)
    return {
      address: getAddress(patient),
      encryptionKey: session.encryptionKey,
      via: 'patient-session',
      send: ({ direct: [method, args] }) =>
        callRegistry(node, signer, method, args, { intent: `${method}:${patient}` }),
    }
  }
  const opened = await node.vault.openDetached(consent.keystoreJson, consent.passphrase)
  if (opened.wallet.address.toLowerCase() !== currentKeyOf(node, patient).toLowerCase()) {
    throw new ConsentMismatchError(
      `The key file given belongs to ${opened.wallet.address}, not to patient ${patient}`,
    )
  }
  return relayedActor(node, getAddress(patient), opened, sessionSigner(node))
}

/** The patient's consents, signed by their current key `signer.wallet`, relayed by `relayer`. */
function relayedActor(
  node: HospitalNode,
  patient: string,
  signer: { wallet: Wallet; encryptionKey: EncryptionKey },
  relayer: Signer,
): PatientActor {
  const { wallet, encryptionKey } = signer
  return {
    address: patient,
    encryptionKey,
    via: 'relayed-signature',
    async send({ typed: [primaryType, message], bySig }) {
      const registry = node.chain.registry
      const [nonce, deadline] = await Promise.all([
        registry.getFunction('nonces')(patient) as Promise<bigint>,
        signatureDeadline(node.chain.provider),
      ])
      const signature = await signRegistryMessage(
        wallet,
        node.chain.deployment.contractAddress,
        node.chain.chainId,
        primaryType,
        { ...message, nonce, deadline },
      )
      const { r, vs } = compactSignature(signature)
      const [method, args] = bySig(deadline, r, vs)
      return callRegistry(node, relayer, method, args, {
        intent: `${method}:${patient}:${nonce}`,
      })
    },
  }
}
