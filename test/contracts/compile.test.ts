import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { CompilationError, compileContracts, type Artifact } from '../../contracts/compile.ts'

describe('contracts/compile.ts', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emr-compile-'))
  })
  after(() => rm(dir, { recursive: true, force: true }))

  test('the registry artifact is up to date with its sources (these tests ran against them)', async () => {
    const { path, compiled } = await compileContracts()
    assert.equal(
      compiled,
      false,
      'the artifact was stale: it has been rebuilt, run the tests again',
    )
    const artifact = JSON.parse(await readFile(path, 'utf8')) as Artifact
    assert.equal(artifact.contractName, 'EMRRegistry')
    assert.equal(artifact.compiler.evmVersion, 'shanghai')
    assert.deepEqual(artifact.compiler.optimizer, { enabled: true, runs: 200 })
    assert.match(artifact.compiler.version, /^0\.8\.\d+\+commit/)
    assert.match(artifact.bytecode, /^0x[0-9a-f]+$/)
  })

  test('compiles a folder once, then skips while its sources are unchanged', async () => {
    const source =
      '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract EMRRegistry { uint256 public x; }\n'
    await writeFile(join(dir, 'EMRRegistry.sol'), source)
    const first = await compileContracts(dir)
    assert.equal(first.compiled, true)
    const artifact = JSON.parse(await readFile(first.path, 'utf8')) as Artifact
    assert.deepEqual(
      artifact.abi.map((entry) => (entry as { name: string }).name),
      ['x'],
    )
    assert.equal((await compileContracts(dir)).compiled, false)
    await writeFile(join(dir, 'EMRRegistry.sol'), source.replace('x;', 'y;'))
    assert.equal((await compileContracts(dir)).compiled, true)
  })

  test('fails loudly, with the compiler message, on an error', async () => {
    await writeFile(
      join(dir, 'EMRRegistry.sol'),
      '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract EMRRegistry { uint256 x }\n',
    )
    await assert.rejects(compileContracts(dir), (error: unknown) => {
      assert.ok(error instanceof CompilationError)
      assert.match(error.message, /ParserError/)
      return true
    })
  })
})
