import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, test } from 'node:test'
import { TypedDataEncoder, Wallet, verifyTypedData } from 'ethers'
import {
  registryDomain,
  registryTypes,
  signAccessGrant,
  signAccessRevocation,
  signPatientKeyReissue,
  signPatientRegistration,
  signRecordRestriction,
  typesFor,
  type RegistryPrimaryType,
} from '../../electron/node/chain/eip712.ts'
import { CHAIN_ID, commitmentOf, createFixture, textCidOf, type Fixture } from './fixture.ts'

const SOURCE = new URL('../../contracts/EMRRegistry.sol', import.meta.url)

/** The type strings the contract hashes into its `…_TYPEHASH` constants, by primary type. */
async function solidityTypeStrings(): Promise<Map<string, string>> {
  const source = await readFile(SOURCE, 'utf8')
  const strings = [...source.matchAll(/_TYPEHASH =\s*keccak256\(\s*"(\w+)(\([^"]*\))"\s*\)/g)]
  return new Map(strings.map(([, name, fields]) => [name!, `${name}${fields}`]))
}

describe('EIP-712 definitions', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  after(() => f.stop())

  test('every typehash in the contract spells the type string of registryTypes', async () => {
    const solidity = await solidityTypeStrings()
    solidity.delete('EIP712Domain') // checked through DOMAIN_SEPARATOR() below
    assert.deepEqual([...solidity.keys()].sort(), Object.keys(registryTypes).sort())
    for (const primaryType of Object.keys(registryTypes) as RegistryPrimaryType[]) {
      assert.equal(
        solidity.get(primaryType),
        TypedDataEncoder.from(typesFor(primaryType)).encodeType(primaryType),
      )
    }
  })

  test('DOMAIN_SEPARATOR() is the hash of registryDomain on this chain', async () => {
    assert.deepEqual(await f.view('DOMAIN_SEPARATOR'), [
      TypedDataEncoder.hashDomain(registryDomain(f.address, CHAIN_ID)),
    ])
    assert.deepEqual(await f.view('VERSION'), [registryDomain(f.address, CHAIN_ID).version])
  })

  test('each signing helper produces a signature that recovers to the signer', async () => {
    const wallet = new Wallet('0x' + '11'.repeat(32))
    const base = { patient: wallet.address, deadline: 4_102_444_800n }
    const cases: [RegistryPrimaryType, Record<string, unknown>, Promise<string>][] = []
    const registration = {
      deadline: base.deadline,
      commitment: commitmentOf('w'),
      encryptionPublicKey: wallet.signingKey.compressedPublicKey,
    }
    cases.push([
      'RegisterPatient',
      registration,
      signPatientRegistration(wallet, f.address, CHAIN_ID, registration),
    ])
    const grant = {
      ...base,
      reader: f.accounts.nurseA.address,
      expiry: 0n,
      keyBundleCid: textCidOf('k'),
      nonce: 3n,
    }
    cases.push(['GrantAccess', grant, signAccessGrant(wallet, f.address, CHAIN_ID, grant)])
    const revocation = { ...base, reader: f.accounts.nurseA.address, nonce: 4n }
    cases.push([
      'RevokeAccess',
      revocation,
      signAccessRevocation(wallet, f.address, CHAIN_ID, revocation),
    ])
    const restriction = { ...base, recordId: 7n, restricted: true, nonce: 5n }
    cases.push([
      'SetRecordRestricted',
      restriction,
      signRecordRestriction(wallet, f.address, CHAIN_ID, restriction),
    ])
    const reissue = {
      patient: f.accounts.patient.address,
      newKey: wallet.address,
      encryptionPublicKey: wallet.signingKey.compressedPublicKey,
      nonce: 6n,
      deadline: base.deadline,
    }
    cases.push([
      'ReissuePatientKey',
      reissue,
      signPatientKeyReissue(wallet, f.address, CHAIN_ID, reissue),
    ])
    for (const [primaryType, message, signature] of cases) {
      const domain = registryDomain(f.address, CHAIN_ID)
      const recovered = verifyTypedData(domain, typesFor(primaryType), message, await signature)
      assert.equal(recovered, wallet.address, primaryType)
      assert.equal((await signature).length, 2 + 65 * 2)
    }
  })
})
