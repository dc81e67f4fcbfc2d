/**
 * Patient key re-issue at the registration desk: the patient lost their keystore and proved who
 * they are to staff. As at registration, a new account is created in memory and handed out once
 * (keystore and a generated passphrase); the new key signs its proof of possession, and the
 * signed-in institution administrator relays `reissuePatientKey`. Before that, the admin's node
 * re-wraps, for the new encryption key, the keys of the patient's versions that its institution
 * holds (custodian entries), so that the patient reads their history with the new key; the
 * bundle's CID travels in the event. Versions held only by other institutions stay closed to
 * the new key until one of their administrators re-wraps them the same way.
 */
import { compactSignature, signPatientKeyReissue } from '../chain/eip712.ts'
import { signatureDeadline } from '../chain/signature-deadline.ts'
import { publishKeyBundle } from '../access/key-bundle.ts'
import { InternalError, NotRegisteredPatientError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { memberView } from './members.ts'
import { currentKeyOf } from './patient-keys.ts'
import { findPatient, generatePassphrase } from './patients.ts'
import { callRegistry, receiptView, sessionSigner } from './registry-calls.ts'
import type { PatientKeyReissue } from './types.ts'

export async function reissuePatientKey(
  node: HospitalNode,
  input: { patient: string },
): Promise<PatientKeyReissue> {
  const admin = node.vault.requireSession()
  const patient = findPatient(node, input.patient)
  // The desk checks the patient's identity against what it registered: only this node has it.
  if (!patient) {
    throw new NotRegisteredPatientError(
      `This node did not register patient ${input.patient}: re-issue their key at the desk that did`,
    )
  }
  if ((await memberView(node, patient.address)).kind !== 'patient') {
    throw new NotRegisteredPatientError(`${patient.address} is not a registered patient`)
  }
  const passphrase = generatePassphrase()
  const account = await node.vault.createDetached({ passphrase })
  const bundle = await publishKeyBundle(node, {
    patient: patient.address,
    reader: patient.address,
    readerKey: account.encryptionPublicKey,
    holder: {
      address: admin.address,
      roles: ['custodian', 'uploader'],
      encryptionKey: admin.encryptionKey,
    },
  })
  const registry = node.chain.registry
  const [nonce, deadline] = await Promise.all([
    registry.getFunction('nonces')(patient.address) as Promise<bigint>,
    signatureDeadline(node.chain.provider),
  ])
  const signature = await signPatientKeyReissue(
    account.wallet,
    node.chain.deployment.contractAddress,
    node.chain.chainId,
    {
      patient: patient.address,
      newKey: account.wallet.address,
      encryptionPublicKey: account.encryptionPublicKey,
      nonce,
      deadline,
    },
  )
  const { r, vs } = compactSignature(signature)
  const bundleCid = bundle.cid?.bytes ?? new Uint8Array()
  const sent = await callRegistry(
    node,
    sessionSigner(node),
    'reissuePatientKey',
    [
      patient.address,
      account.wallet.address,
      account.encryptionPublicKey,
      bundleCid,
      deadline,
      r,
      vs,
    ],
    { intent: `reissuePatientKey:${patient.address}:${nonce}` },
  )
  // New versions wrap the patient's key for the new encryption key from the next upload on.
  await node.chain.indexer.sync()
  if (currentKeyOf(node, patient.address) !== account.wallet.address) {
    throw new InternalError(`The re-issue of ${patient.address}'s key was not indexed`)
  }
  return {
    patient,
    newKey: account.wallet.address,
    keystoreJson: account.keystoreJson,
    passphrase,
    keysShared: bundle.keys,
    keyBundleCid: bundle.cid?.toString() ?? null,
    receipt: receiptView(node, sent, 'key re-issued'),
  }
}
