import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { isBuildCurrent } from '../../electron/node/browser/build-freshness.ts'

// Fixed modification times, so no test depends on the clock or on how fast the disk is.
const BUILT = 2_000_000
const BEFORE = BUILT - 60
const AFTER = BUILT + 60

/** A project folder with the given files, each with its modification time in seconds. */
function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'emr-build-'))
  for (const [path, time] of Object.entries(files)) {
    const file = join(root, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, '')
    utimesSync(file, time, time)
  }
  return root
}

const built = {
  'out/renderer/index.html': BUILT,
  'out/renderer/assets/index.js': BUILT + 5,
  'renderer/src/main.tsx': BEFORE,
  'electron/node/node.ts': BEFORE,
  'contracts/EMRRegistry.sol': BEFORE,
  'package.json': BEFORE,
}

const cases: [string, Record<string, number>, boolean][] = [
  ['every source older than the build', built, true],
  ['a source as old as the oldest built file', { ...built, 'renderer/src/a.ts': BUILT }, true],
  ['a changed renderer source', { ...built, 'renderer/src/features/x/X.tsx': AFTER }, false],
  [
    'a changed node source (the renderer imports its schemas)',
    { ...built, 'electron/node/errors.ts': AFTER },
    false,
  ],
  ['a changed contract', { ...built, 'contracts/EMRRegistry.sol': AFTER }, false],
  ['a changed config', { ...built, 'electron.vite.config.ts': AFTER }, false],
  ['a changed lock file (new dependencies)', { ...built, 'package-lock.json': AFTER }, false],
  // Between the oldest and the newest built file: the build may have read the old version.
  ['a source changed while the build ran', { ...built, 'renderer/src/b.ts': BUILT + 1 }, false],
  ['no build at all', { 'renderer/src/main.tsx': BEFORE }, false],
  ['an empty build folder', { 'out/main/index.js': BUILT, 'renderer/src/main.tsx': BEFORE }, false],
  [
    'newer files outside the inputs (docs, tests)',
    { ...built, 'docs/a.md': AFTER, 'test/unit/a.test.ts': AFTER },
    true,
  ],
  ['newer installed packages only', { ...built, 'renderer/node_modules/x/index.js': AFTER }, true],
]
for (const [what, files, current] of cases) {
  test(`the build is ${current ? 'current' : 'stale'} with ${what}`, () => {
    assert.equal(isBuildCurrent(project(files)), current)
  })
}
