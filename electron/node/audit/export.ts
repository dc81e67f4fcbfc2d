/**
 * The audit trail for auditors' tools: CSV for spreadsheets, and a FHIR R4 Bundle of AuditEvent
 * resources (https://hl7.org/fhir/R4/auditevent.html) for health-information systems.
 */
import type { AuditEntry, PartyView } from '../access/types.ts'
import type { AuditAction } from '../access/schemas.ts'

export interface ExportedFile {
  fileName: string
  mime: string
  content: string
}

const csvColumns = [
  'time',
  'action',
  'actor_address',
  'actor_name',
  'patient_address',
  'patient_name',
  'subject_address',
  'subject_name',
  'record_id',
  'version',
  'purpose',
  'detail',
  'source',
  'tx_hash',
] as const

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; a leading = + - @ is
 * defused with an apostrophe, so a spreadsheet never runs a name as a formula.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    [
      e.at,
      e.action,
      e.actor?.address ?? null,
      e.actor?.name ?? null,
      e.patient?.address ?? null,
      e.patient?.name ?? null,
      e.subject?.address ?? null,
      e.subject?.name ?? null,
      e.recordId,
      e.version,
      e.purpose,
      e.detail,
      e.source,
      e.txHash,
    ]
      .map(csvCell)
      .join(','),
  )
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n'
}

const DCM = 'http://dicom.nema.org/resources/ontology/DCM'

/** The AuditEvent `type` (DICOM audit event IDs) and CRUDE `action` of each trail action. */
function eventType(action: AuditAction): { code: string; display: string; crude: string } {
  if (action === 'record-read' || action === 'read-denied')
    return { code: '110110', display: 'Patient Record', crude: 'R' }
  if (action === 'record-uploaded') return { code: '110110', display: 'Patient Record', crude: 'C' }
  if (action.startsWith('record-')) return { code: '110110', display: 'Patient Record', crude: 'U' }
  if (action.startsWith('emergency-'))
    return { code: '110113', display: 'Security Alert', crude: 'E' }
  if (action === 'audit-anchored') return { code: '110101', display: 'Audit Log Used', crude: 'E' }
  if (action === 'patient-registered')
    return { code: '110110', display: 'Patient Record', crude: 'C' }
  return { code: '110136', display: 'Security Roles Changed', crude: 'U' }
}

/** HL7 v3 ActReason for a purpose of use. */
const purposeOfUse: Record<string, string> = {
  treatment: 'TREAT',
  referral: 'TREAT',
  'second-opinion': 'TREAT',
  'care-coordination': 'CAREMGT',
  insurance: 'HPAYMT',
  legal: 'HLEGAL',
  emergency: 'ETREAT',
  'patient-access': 'PATRQT',
  'life-threatening': 'ETREAT',
  'unconscious-patient': 'ETREAT',
  'urgent-treatment': 'ETREAT',
  'patient-unable-to-consent': 'ETREAT',
}

function reference(party: PartyView) {
  return {
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:ethereum:${party.address}` },
    ...(party.name ? { display: party.name } : {}),
  }
}

function auditEvent(entry: AuditEntry, observer: string) {
  const type = eventType(entry.action)
  const purpose = entry.purpose ? purposeOfUse[entry.purpose] : undefined
  const agents = [entry.actor, entry.subject].filter((p) => p !== null)
  return {
    resourceType: 'AuditEvent',
    id: entry.id.replace(/[^A-Za-z0-9.-]/g, '-'),
    type: { system: DCM, code: type.code, display: type.display },
    subtype: [{ system: 'urn:emr-node:audit-action', code: entry.action }],
    action: type.crude,
    recorded: entry.at,
    outcome: entry.action === 'read-denied' ? '4' : '0',
    ...(entry.detail ? { outcomeDesc: entry.detail } : {}),
    ...(purpose
      ? {
          purposeOfEvent: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: purpose },
              ],
              text: entry.purpose,
            },
          ],
        }
      : {}),
    agent: agents.map((party, i) => ({ who: reference(party), requestor: i === 0 })),
    source: {
      observer: { display: observer },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: [
      ...(entry.patient
        ? [
            {
              what: reference(entry.patient),
              type: {
                system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
                code: '1',
                display: 'Person',
              },
              role: {
                system: 'http://terminology.hl7.org/CodeSystem/object-role',
                code: '1',
                display: 'Patient',
              },
            },
          ]
        : []),
      ...(entry.recordId !== null
        ? [
            {
              what: {
                identifier: {
                  system: 'urn:emr-node:record',
                  value: `${entry.recordId}${entry.version ? `/${entry.version}` : ''}`,
                },
              },
              type: {
                system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
                code: '2',
                display: 'System Object',
              },
            },
          ]
        : []),
      ...(entry.txHash
        ? [{ what: { identifier: { system: 'urn:emr-node:tx', value: entry.txHash } } }]
        : []),
    ],
  }
}

/** A FHIR R4 `collection` Bundle of AuditEvents; `observer` names this node. */
export function auditFhirBundle(entries: readonly AuditEntry[], observer: string): string {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: entries.map((entry) => ({ resource: auditEvent(entry, observer) })),
  }
  return JSON.stringify(bundle, null, 2)
}

export function exportAudit(
  entries: readonly AuditEntry[],
  format: 'csv' | 'fhir',
  observer: string,
): ExportedFile {
  const stamp = new Date().toISOString().slice(0, 10)
  return format === 'csv'
    ? { fileName: `audit-${stamp}.csv`, mime: 'text/csv', content: auditCsv(entries) }
    : {
        fileName: `audit-${stamp}.fhir.json`,
        mime: 'application/fhir+json',
        content: auditFhirBundle(entries, observer),
      }
}
