import { homedir } from 'node:os'
import { join } from 'node:path'

/** Same folder the Electron shell uses (its userData), so the CLI and the app share a node. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMR_DATA_DIR) return env.EMR_DATA_DIR
  const home = homedir()
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'EMR Node')
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'EMR Node')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'EMR Node')
}

/** The layout of a data folder, in one place. */
export function dataPaths(dataDir: string) {
  return {
    lock: join(dataDir, 'node.lock'),
    settings: join(dataDir, 'settings.json'),
    database: join(dataDir, 'emr.sqlite'),
    chain: join(dataDir, 'chain'),
    ipfs: join(dataDir, 'ipfs'),
    swarmKey: join(dataDir, 'ipfs', 'swarm.key'),
    keystore: join(dataDir, 'keystore'),
  }
}
