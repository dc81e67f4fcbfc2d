/** The records screen's path and its address-bar state: which patient, which version is open. */
export const recordsPath = 'records'

export function chartLocation(patient: string): string {
  return `/${recordsPath}?${new URLSearchParams({ patient })}`
}

export function viewerLocation(patient: string, cid: string): string {
  return `/${recordsPath}?${new URLSearchParams({ patient, view: cid })}`
}

/** The chart's panels: the records themselves, and who may read them. */
export type ChartPanel = 'records' | 'access'

export function accessLocation(patient: string): string {
  return `/${recordsPath}?${new URLSearchParams({ patient, panel: 'access' })}`
}
