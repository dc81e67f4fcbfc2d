import { randomBytes } from 'node:crypto'
import { InternalError, PatientExistsError } from '../errors.ts'
import { memberView } from './members.ts'
import { compactSignature, signPatientRegistration } from '../chain/eip712.ts'
import { splitEncryptionKey } from '../chain/registry-artifact.ts'
import { signatureDeadline } from '../chain/signature-deadline.ts'
import type { HospitalNode } from '../node.ts'
import { commitTo, newSalt } from './commitment.ts'
import { callRegistry, receiptView, sessionSigner } from './registry-calls.ts'
import type { PatientRegistration, PatientRow } from './types.ts'

/** A passphrase read out at the desk: 20 characters of an unambiguous alphabet, in groups. */
export function generatePassphrase(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const chars = [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length])
  return chars.join('').match(/.{5}/g)!.join('-')
}

const selectPatient = `SELECT address, name, medical_record_number AS medicalRecordNumber,
  birth_date AS birthDate, created_at AS registeredAt FROM patients`

/**
 * The registration desk: creates the patient's account, has the patient's key sign the EIP-712
 * consent, and relays it from the staff member's account, so the patient pays no gas. The key is
 * handed to the patient once (keystore + passphrase) and not kept on this node.
 */
export async function registerPatient(
  node: HospitalNode,
  input: { name: string; medicalRecordNumber: string; birthDate: string },
): Promise<PatientRegistration> {
  const relayer = sessionSigner(node)
  const existing = node.db
    .prepare('SELECT address FROM patients WHERE medical_record_number = ?')
    .get(input.medicalRecordNumber) as { address: string } | undefined
  if (existing) {
    throw new PatientExistsError(
      `Medical record number ${input.medicalRecordNumber} already belongs to patient ${existing.address}`,
    )
  }
  const passphrase = generatePassphrase()
  const patient = await node.vault.createDetached({ passphrase })
  const salt = newSalt()
  const commitment = commitTo([input.name, input.medicalRecordNumber, input.birthDate], salt)
  const deadline = await signatureDeadline(node.chain.provider)
  const signature = await signPatientRegistration(
    patient.wallet,
    node.chain.deployment.contractAddress,
    node.chain.chainId,
    { commitment, encryptionPublicKey: patient.encryptionPublicKey, deadline },
  )
  // The registry registers the signer: the patient's address is in the signature.
  const [keyPrefix, keyX] = splitEncryptionKey(patient.encryptionPublicKey)
  const { r, vs } = compactSignature(signature)
  const sent = await callRegistry(node, relayer, 'registerPatientBySig', [
    commitment,
    keyPrefix,
    keyX,
    deadline,
    r,
    vs,
  ])
  // The contract registers whoever signed: make sure that is the account handed to the patient.
  if ((await memberView(node, patient.wallet.address)).kind !== 'patient') {
    throw new InternalError(`The registration did not register ${patient.wallet.address}`)
  }
  node.db
    .prepare(
      `INSERT INTO patients (address, name, medical_record_number, birth_date, salt, commitment, registered_by, tx_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      patient.wallet.address,
      input.name,
      input.medicalRecordNumber,
      input.birthDate,
      salt,
      commitment,
      await relayer.getAddress(),
      sent.txHash,
    )
  return {
    patient: findPatient(node, patient.wallet.address)!,
    keystoreJson: patient.keystoreJson,
    passphrase,
    receipt: receiptView(node, sent, 'registered'),
  }
}

/** The patient this node registered at its desk, by address. */
export function findPatient(node: HospitalNode, address: string): PatientRow | undefined {
  return node.db.prepare(`${selectPatient} WHERE address = ?`).get(address) as
    PatientRow | undefined
}

/** Finds patients by name (part of it), medical record number (its start) or address. */
export function searchPatients(node: HospitalNode, query: string): PatientRow[] {
  const text = query.trim()
  if (!text)
    return node.db
      .prepare(`${selectPatient} ORDER BY created_at DESC LIMIT 50`)
      .all() as unknown as PatientRow[]
  return node.db
    .prepare(
      `${selectPatient}
       WHERE name LIKE '%' || ?1 || '%' COLLATE NOCASE
          OR medical_record_number LIKE ?2 || '%'
          OR lower(address) = lower(?1)
       ORDER BY name LIMIT 50`,
    )
    .all(text, text.toUpperCase()) as unknown as PatientRow[]
}
