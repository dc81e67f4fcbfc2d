/**
 * A chart as one caller may see it: every version is listed, so staff know a record exists, but
 * a version's title, file name and type (which say what the record is about) only to those the
 * chain lets read it: the patient, its uploader, grantees, and staff in a declared emergency.
 */
import { accessStatusName, mayReadVersion } from '../access/enforcement.ts'
import type { HospitalNode } from '../node.ts'
import { listRecords } from './record-index.ts'
import type { RecordVersionView, RecordView } from './types.ts'

export async function listRecordsFor(
  node: HospitalNode,
  patient: string,
  reader: string,
): Promise<RecordView[]> {
  const records = listRecords(node.db, patient)
  if (reader.toLowerCase() === patient.toLowerCase()) return records
  const accessStatus = node.chain.registry.getFunction('accessStatus')
  return Promise.all(
    records.map(async (record) => {
      const status = accessStatusName(await accessStatus(reader, record.recordId))
      const versions = record.versions.map((version) =>
        mayReadVersion(reader, version.uploader, status) ? version : withhold(version),
      )
      return { ...record, versions }
    }),
  )
}

function withhold({ details, ...version }: RecordVersionView): RecordVersionView {
  if (!details) return { ...version, details }
  return {
    ...version,
    details: null,
    withheld: { category: details.category, dateOfCare: details.dateOfCare },
  }
}
