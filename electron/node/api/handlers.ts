import { CID } from 'multiformats/cid'
import type { z } from 'zod'
import { declineRequest } from '../access/declines.ts'
import * as emergency from '../access/emergency.ts'
import { disableAutomaticRelease, enableAutomaticRelease } from '../access/emergency-releaser.ts'
import { setEmergencyRoles } from '../access/emergency-roles.ts'
import * as access from '../access/grants.ts'
import { anchorReadLog, verifyReadLog } from '../audit/anchor.ts'
import { exportAudit } from '../audit/export.ts'
import { visibleTimeline } from '../audit/timeline.ts'
import * as accounts from '../identity/accounts.ts'
import { fundAccount } from '../identity/funding.ts'
import { addInstitutionAsGovernor } from '../identity/institutions.ts'
import * as setup from '../identity/network-setup.ts'
import * as patients from '../identity/patients.ts'
import { reissuePatientKey } from '../identity/patient-key-reissue.ts'
import { lookupAnchor, openRecord } from '../records/open.ts'
import { markEnteredInError, withEnteredInErrorTimes } from '../records/entered-in-error.ts'
import { listRecordsFor } from '../records/record-visibility.ts'
import type { OpenedRecord } from '../records/types.ts'
import * as staff from '../identity/staff.ts'
import { staffIdentity } from '../identity/staff-identity.ts'
import type { HospitalNode } from '../node.ts'
import type { Actor } from './actor.ts'
import type { MethodName, apiSpec } from './spec.ts'

/** Each handler gets the parsed input and the caller the dispatcher resolved and admitted. */
type HandlerTable = {
  [M in MethodName]: (input: z.output<(typeof apiSpec)[M]>, actor: Actor) => Promise<unknown>
}

/** Binds every method of the api spec to the node. */
export function createHandlers(node: HospitalNode) {
  return {
    'node.status': async () => node.status(),
    'settings.get': async () => node.settings.get(),
    'settings.update': async (patch) => {
      const next = node.settings.update(patch)
      node.vault.setIdleLockMs(next.security.idleLockMinutes * 60_000)
      node.scheduleAnchoring()
      return next
    },

    'accounts.list': async () => accounts.listAccounts(node),
    'accounts.create': (input) => accounts.createAccount(node, input),
    'accounts.importKeystore': (input) => accounts.importKeystore(node, input),
    'accounts.importMnemonic': (input) => accounts.importMnemonic(node, input),
    'accounts.exportKeystore': (input) => node.vault.exportKeystore(input.address),
    'accounts.fund': (input) => fundAccount(node, input),

    'session.get': () => accounts.sessionView(node),
    'session.signIn': (input) => accounts.signIn(node, input),
    'session.signOut': async () => node.vault.lock(),
    'session.touch': async () => node.vault.touch(),

    'setup.status': () => setup.setupStatus(node),
    'setup.createNetwork': (input) => setup.createNetwork(node, input),
    'setup.joinNetwork': (input) => setup.joinNetwork(node, input),
    'setup.exportSiteConfig': () => setup.exportSiteConfig(node),

    'institutions.list': async () => staff.listInstitutions(node),
    'institutions.add': (input) => addInstitutionAsGovernor(node, input),

    'staff.register': (input) => staff.registerSelf(node, input),
    'staff.registerDirect': (input) => staff.registerDirect(node, input),
    'staff.approve': ({ account }) => staff.changeStaffStatus(node, 'approve', account),
    'staff.reject': ({ account }) => staff.changeStaffStatus(node, 'reject', account),
    'staff.suspend': (input) => staff.suspendStaff(node, input),
    'staff.reinstate': ({ account }) => staff.changeStaffStatus(node, 'reinstate', account),
    'staff.identity': async ({ account }, actor) =>
      staffIdentity(node, account, (await actor.member())?.institution ?? null),
    'staff.list': async (filter) => staff.listStaff(node, filter),

    'patients.register': (input) => patients.registerPatient(node, input),
    'patients.search': async ({ query }) => patients.searchPatients(node, query),
    'patients.reissueKey': (input) => reissuePatientKey(node, input),

    'records.uploadStart': (input) => node.uploads.start(input),
    'records.uploadChunk': ({ uploadId, data }) =>
      node.uploads.chunk(uploadId, Buffer.from(data, 'base64')),
    'records.uploadFinish': ({ uploadId }) => node.uploads.finish(uploadId),
    'records.uploadCancel': ({ uploadId }) => node.uploads.cancel(uploadId),
    'records.uploadsInProgress': async () => node.uploads.inProgress(),
    'records.uploadResume': async (input) => node.uploads.resume(input),
    // Titles and file names only where the caller may read (the table admits no one signed out).
    'records.list': async ({ patient }, actor) =>
      withEnteredInErrorTimes(node, await listRecordsFor(node, patient, actor.address!)),
    'records.markEnteredInError': (input) => markEnteredInError(node, input),
    'records.lookup': ({ cid }) => lookupAnchor(node, CID.parse(cid)),
    'records.open': async ({ cid, purpose }): Promise<OpenedRecord> => {
      const { content, ...opened } = await openRecord(node, cid, purpose)
      return { ...opened, contentBase64: Buffer.from(content).toString('base64') }
    },

    'access.overview': ({ patient }) => access.accessOverview(node, patient),
    'access.request': (input) => access.requestAccess(node, input),
    'access.grant': (input) => access.grantAccess(node, input),
    'access.revoke': (input) => access.revokeAccess(node, input),
    'access.decline': async (input) => declineRequest(node, input),
    'access.restrict': (input) => access.restrictRecord(node, input),

    'emergency.declare': (input) => emergency.declareEmergency(node, input),
    'emergency.list': async (filter, actor) => {
      const all = await emergency.listEmergencies(node, filter)
      // Staff see every declaration; a patient only those on their own chart.
      if ((await actor.kinds()).has('staff')) return all
      return all.filter(({ patient }) => patient.address.toLowerCase() === actor.address)
    },
    'emergency.releaseKeys': (input) => emergency.releaseEmergencyKeys(node, input),
    'emergency.policy': ({ institution }) => emergency.emergencyPolicy(node, institution),
    'emergency.setRoles': (input) => setEmergencyRoles(node, input),
    'emergency.enableAutomaticRelease': () => enableAutomaticRelease(node),
    'emergency.disableAutomaticRelease': () => disableAutomaticRelease(node),

    'audit.timeline': (filter) => visibleTimeline(node, filter),
    'audit.export': async ({ format, filter }) =>
      exportAudit(await visibleTimeline(node, filter), format, `EMR Node ${node.ipfs.peerId}`),
    'audit.verify': async () => verifyReadLog(node),
    'audit.anchor': () => anchorReadLog(node),

    'replication.status': () => node.replicator.status(),
  } satisfies HandlerTable
}

export type ApiHandlers = ReturnType<typeof createHandlers>
