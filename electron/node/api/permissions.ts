/**
 * Who may call each api method. Every method of the spec declares its callers here: the table's
 * type names every method, so a method without a declaration fails the type-check. The
 * dispatcher enforces the declaration before the input reaches the handler, and
 * test/integration/api-permissions.test.ts walks the whole table as each kind of caller.
 *
 * The registry still has the last word (it checks an admin's institution, a grantee's grant):
 * this table keeps a signed-out or wrong workstation from reaching the handler at all.
 */
import { setupStatus } from '../identity/network-setup.ts'
import type { HospitalNode } from '../node.ts'
import type { Actor } from './actor.ts'
import { ForbiddenError } from '../errors.ts'
import { requireCallers } from './authorize.ts'
import type { MethodName, MethodOutput } from './spec.ts'

/**
 * The kinds of caller a method admits; one account may be several (an admin is also staff).
 * - anyone: nobody need be signed in (sign-in, node status, the setup wizard)
 * - signedIn: any signed-in account, registered or not (pending staff registering themselves)
 * - staff: active staff of any role
 * - admin: an active institution administrator
 * - auditor: active staff with the auditor role
 * - governor: the consortium's governor
 * - patient: a registered patient
 */
export const callerKinds = [
  'anyone',
  'signedIn',
  'staff',
  'admin',
  'auditor',
  'governor',
  'patient',
] as const
export type CallerKind = (typeof callerKinds)[number]

export interface PermissionRequest<M extends MethodName> {
  actor: Actor
  input: MethodOutput<M>
  node: HospitalNode
}

export interface Permission<M extends MethodName> {
  /** Any one of these kinds admits the caller. Checked before the input is parsed. */
  readonly callers: readonly CallerKind[]
  /**
   * A narrower rule on the parsed input or the node's state, for methods whose callers depend
   * on what is asked (settings by section, a keystore by its owner). Throws to refuse.
   */
  readonly check?: (request: PermissionRequest<M>) => void | Promise<void>
}

export type PermissionTable = { readonly [M in MethodName]: Permission<M> }

const anyone = { callers: ['anyone'] } as const
const signedIn = { callers: ['signedIn'] } as const
const staff = { callers: ['staff'] } as const
const admin = { callers: ['admin'] } as const
const staffOrPatient = { callers: ['staff', 'patient'] } as const
const adminOrGovernor = ['admin', 'governor'] as const
/** The audit trail: administrators, auditors, and patients (their own entries only). */
const auditReaders = { callers: ['admin', 'auditor', 'patient'] } as const

/** Sections of the settings anyone at the workstation may change: how the screens look. */
const displaySections: ReadonlySet<string> = new Set(['language'])

/** The patient the signed-in account is: itself, or the patient its re-issued key speaks for. */
async function ownPatient(actor: Actor): Promise<string | null> {
  return (await actor.member())?.patient?.toLowerCase() ?? actor.address
}

/** A patient reads only their own chart; staff read any (the chain decides what opens). */
async function ownChartUnlessStaff({
  actor,
  input,
}: PermissionRequest<'records.list' | 'access.overview'>) {
  const kinds = await actor.kinds()
  if (kinds.has('staff') || input.patient.toLowerCase() === (await ownPatient(actor))) return
  throw new ForbiddenError("A patient may only see their own chart, not another patient's")
}

export const permissions: PermissionTable = {
  'node.status': anyone,
  // The language must apply on the sign-in screen; nothing in the settings is personal.
  'settings.get': anyone,
  'settings.update': {
    callers: ['anyone'],
    // Chain, swarm, idle lock and anchoring change the network or its security: admins only.
    async check({ actor, input }) {
      if (Object.keys(input).every((section) => displaySections.has(section))) return
      await requireCallers(actor, adminOrGovernor)
    },
  },

  // Signing in needs the accounts on this workstation, and a way to add one.
  'accounts.list': anyone,
  'accounts.create': anyone,
  'accounts.importKeystore': anyone,
  'accounts.importMnemonic': anyone,
  'accounts.exportKeystore': {
    callers: ['signedIn'],
    check({ actor, input }) {
      if (input.address.toLowerCase() === actor.address) return
      throw new ForbiddenError('Only the signed-in owner of a key file may export it')
    },
  },

  // Gas for members on an external chain, from the governor's or an administrator's account.
  'accounts.fund': { callers: adminOrGovernor },

  'session.get': anyone,
  'session.signIn': anyone,
  'session.signOut': anyone,
  'session.touch': anyone,

  'setup.status': anyone,
  // Refused by the handler once the network exists.
  'setup.createNetwork': anyone,
  'setup.joinNetwork': {
    callers: ['anyone'],
    // The setup wizard joins signed out; once this node is part of a network, only its
    // administrators may move it to another.
    async check({ actor, node }) {
      if ((await setupStatus(node)).stage === 'new-network') return
      await requireCallers(actor, adminOrGovernor)
    },
  },
  // Carries the swarm key.
  'setup.exportSiteConfig': { callers: adminOrGovernor },

  // Self-registration picks an institution.
  'institutions.list': anyone,
  // The registry admits only its governor too; the table refuses anyone else before the chain.
  'institutions.add': { callers: ['governor'] },

  // An account not yet registered (or rejected) asks to join an institution.
  'staff.register': signedIn,
  'staff.registerDirect': admin,
  'staff.approve': admin,
  'staff.reject': admin,
  'staff.suspend': admin,
  'staff.reinstate': admin,
  // The IC card's data, national ID included, for the administrator deciding on a registration.
  'staff.identity': admin,
  // Patients pick the staff they grant access to.
  'staff.list': { callers: ['staff', 'governor', 'patient'] },

  'patients.register': staff,
  'patients.search': staff,
  // The admin relays the re-issue and re-wraps the keys their institution holds.
  'patients.reissueKey': admin,

  'records.uploadStart': staff,
  'records.uploadChunk': staff,
  'records.uploadFinish': staff,
  'records.uploadCancel': staff,
  // The handler lists and resumes only the signed-in account's own uploads.
  'records.uploadsInProgress': staff,
  'records.uploadResume': staff,
  'records.list': { callers: ['staff', 'patient'], check: ownChartUnlessStaff },
  'records.lookup': staffOrPatient,
  // The registry admits only active staff of the record's custodian institution.
  'records.markEnteredInError': staff,
  'records.open': signedIn,

  'access.overview': { callers: ['staff', 'patient'], check: ownChartUnlessStaff },
  'access.request': staff,
  // The patient signed in, or staff relaying the patient's signed consent.
  'access.grant': staffOrPatient,
  'access.revoke': staffOrPatient,
  'access.restrict': staffOrPatient,
  // Only the patient signed in says no (nothing is signed: the decline stays on this node).
  'access.decline': {
    callers: ['patient'],
    async check({ actor, input }) {
      if (input.patient.toLowerCase() === (await ownPatient(actor))) return
      throw new ForbiddenError('A patient may only decline requests for their own records')
    },
  },

  'emergency.declare': staff,
  // A patient is shown only their own (the handler filters).
  'emergency.list': staffOrPatient,
  'emergency.releaseKeys': admin,
  // Staff need their institution's rules to know whether they may break the glass.
  'emergency.policy': staff,
  'emergency.setRoles': admin,
  'emergency.enableAutomaticRelease': admin,
  'emergency.disableAutomaticRelease': admin,

  'audit.timeline': auditReaders,
  'audit.export': auditReaders,
  'audit.verify': auditReaders,
  'audit.anchor': { callers: ['admin', 'auditor'] },

  // Asks every peer of the swarm: the administrators' view of where records are kept.
  'replication.status': admin,
}
