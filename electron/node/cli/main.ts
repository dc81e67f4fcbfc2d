/**
 * The command-line adapter: `npm run cli -- <command>`. Output is for people by default and
 * JSON with --json; errors print `error CODE: message` and exit 1.
 */
import { parseArgs } from 'node:util'
import { toErrorInfo } from '../errors.ts'
import { createLogger } from '../log.ts'
import { defaultDataDir } from '../paths.ts'
import { commands, type CommandContext } from './commands.ts'

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  status                      start the node on the data folder, print its status, stop
  deploy --rpc URL            deploy the registry contract to an external chain and print its
                              address (deployer key from the EMR_DEPLOYER_KEY environment variable)

options:
  --data-dir DIR              the node's data folder (default: $EMR_DATA_DIR or the app's folder)
  --json                      print JSON
`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    rpc: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

const name = positionals[0]
if (values.help || !name || !Object.hasOwn(commands, name)) {
  process.stdout.write(USAGE)
  process.exit(values.help ? 0 : 2)
}

const context: CommandContext = {
  dataDir: values['data-dir'] ?? defaultDataDir(),
  options: values,
  log: createLogger('emr-cli'),
  print: (human, json) =>
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : human),
}

try {
  await commands[name as keyof typeof commands](context)
} catch (error) {
  const info = toErrorInfo(error)
  process.stderr.write(`error ${info.code}: ${info.message}\n`)
  process.exit(1)
}
