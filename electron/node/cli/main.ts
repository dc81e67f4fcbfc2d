/**
 * The command-line adapter: `npm run cli -- <command> [subcommand] [options]`. Output is for
 * people by default and JSON with --json; errors print `error CODE: message` and exit 1.
 */
import { parseArgs } from 'node:util'
import { toErrorInfo } from '../errors.ts'
import { createLogger } from '../log.ts'
import { defaultDataDir } from '../paths.ts'
import { commands, type CommandContext } from './commands.ts'
import { callerPath } from './files.ts'

const USAGE = `usage: npm run cli -- <command> [options]

node
  status                         start the node on the data folder, print its status, stop
  deploy --rpc URL [--governor ADDRESS]
                                 deploy the registry to an external chain and print its address
                                 (deployer key from the EMR_DEPLOYER_KEY environment variable);
                                 the governor is ADDRESS (an account on a node) or the deployer
  site-config check FILE [--if-present]
                                 check the site configuration an installer will carry (no
                                 secrets printed); --if-present: a missing FILE is no error
accounts (passphrases come from EMR_PASSPHRASE or --passphrase-file, never from arguments)
  account create --label L       create an account; prints its address and recovery phrase once
  account list
  account fund --as FUNDER --to ADDRESS --amount ETH
                                 the governor or an administrator pays a member's gas on an
                                 external chain (new members are also topped up to the
                                 funding.topUpEth setting when added, approved or registered)
institutions
  institution add --as GOVERNOR --name NAME --admin ADDRESS
                  [--admin-name N --national-id ID --licence L]
                                 the governor adds a hospital and its first administrator
  institution list
staff (--as ADDRESS: the account that signs)
  staff register --as A --institution N --role R --name N --national-id ID --licence L
  staff approve|reject|reinstate --as ADMIN --account A
  staff suspend --as ADMIN --account A --reason left-institution|licence-lapsed|
                under-investigation|extended-leave|security-concern|other
  staff list --as A [--status pending|active|suspended] [--institution N]
patients
  patient register --as STAFF --name N --mrn M --birth-date YYYY-MM-DD [--out FILE]
                                 writes the patient's keystore to FILE (default <address>.json)
  patient reissue-key --as ADMIN --patient P [--out FILE]
                                 a patient who lost their key gets a new one (identity checked
                                 at the desk); writes it to FILE (default <new key>.json)
  patient find QUERY --as STAFF  by name, medical record number or address
records (--as STAFF signs; files stream in and out in bounded memory)
  record add --as A --patient P --file F --title T --category C --date YYYY-MM-DD [--mime M]
  record version --as A --patient P --record N --file F --title T --category C --date D
  record get CID --as A --out FILE [--force]
                                 verify and decrypt; FILE appears only if all of it verified;
                                 an existing FILE is replaced only with --force
  record verify CID --as A           check anchor, manifest, every segment and the hash
  record list --as A --patient P
  record entered-in-error --as A --record N --version V --reason R
                                 R: wrong-patient, wrong-content, duplicate or other; staff of
                                 the record's institution; the version stays readable
                                 categories: imaging, laboratory, clinical-note, prescription,
                                 discharge-summary, referral, other
access (the patient acts --as themselves, or staff relay --keystore FILE with the patient's
        passphrase in EMR_PATIENT_PASSPHRASE or --patient-passphrase-file)
  access request --as STAFF --patient P --purpose treatment|referral|second-opinion|...
  access grant --as A --patient P --reader R [--until YYYY-MM-DD] [--keystore FILE]
  access revoke --as A --patient P --reader R [--rotate] [--keystore FILE]
                                 --rotate: re-key the records the reader holds keys of first,
                                 so their old keys open no current version
  access restrict --as A --patient P --record N [--lift] [--keystore FILE]
  access list --as A --patient P   requests, grants and restricted records
  emergency declare --as STAFF --patient P --reason life-threatening|unconscious-patient|
                                 urgent-treatment|patient-unable-to-consent   (24 hours, logged)
  emergency list --as A [--active]
  emergency roles --as A [--set physician,nurse,...]
                                 the roles that may declare (an administrator sets them)
  emergency auto-release --as ADMIN [--enable | --disable]
                                 keys released with nobody signed in, by a releaser key this
                                 node seals with EMR_NODE_SECRET (random, 32+ characters)
  audit export --as A --format csv|fhir --out FILE [--patient P] [--actor A] [--action X]
                                 [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  audit verify --as A            check the read log against its anchors (exit 1 if tampered)
  audit anchor --as STAFF        anchor the read log's head on chain now

options
  --force                        let --out replace an existing file (otherwise ERR_FILE_EXISTS)
                                 relative paths are taken from the folder the command runs in
  --data-dir DIR                 the node's data folder (default: $EMR_DATA_DIR or the app's)
  --json                         print JSON
`

const text = { type: 'string' } as const
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': text,
    rpc: text,
    label: text,
    as: text,
    account: text,
    amount: text,
    admin: text,
    governor: text,
    'admin-name': text,
    institution: text,
    role: text,
    name: text,
    'national-id': text,
    licence: text,
    mrn: text,
    'birth-date': text,
    status: text,
    out: text,
    file: text,
    patient: text,
    record: text,
    version: text,
    title: text,
    category: text,
    date: text,
    mime: text,
    'passphrase-file': text,
    'patient-passphrase-file': text,
    purpose: text,
    reader: text,
    until: text,
    keystore: text,
    reason: text,
    set: text,
    format: text,
    actor: text,
    action: text,
    from: text,
    to: text,
    active: { type: 'boolean', default: false },
    lift: { type: 'boolean', default: false },
    rotate: { type: 'boolean', default: false },
    enable: { type: 'boolean', default: false },
    disable: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'if-present': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

const [first, second, ...rest] = positionals
const name =
  first && second && Object.hasOwn(commands, `${first} ${second}`) ? `${first} ${second}` : first
const args = name === first ? [second, ...rest].filter((a) => a !== undefined) : rest
if (values.help || !name || !Object.hasOwn(commands, name)) {
  process.stdout.write(USAGE)
  process.exit(values.help ? 0 : 2)
}

const context: CommandContext = {
  dataDir: values['data-dir'] === undefined ? defaultDataDir() : callerPath(values['data-dir']),
  options: values,
  args: args as string[],
  log: createLogger('emr-cli'),
  print: (human, json) =>
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : human),
}

try {
  await commands[name as keyof typeof commands](context)
} catch (error) {
  const info = toErrorInfo(error)
  if (info.code === 'ERR_INTERNAL')
    context.log.error('unexpected failure', { error: String(error) })
  process.stderr.write(`error ${info.code}: ${info.message}\n`)
  process.exit(1)
}
