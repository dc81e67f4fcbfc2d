/**
 * The few fields of a FHIR resource a clinician looks for first, read defensively: any field may
 * be missing or of another shape, and a summary never throws.
 */
import type { ParseKeys } from 'i18next'

type Json = Record<string, unknown>

export interface FhirField {
  labelKey: ParseKeys
  value: string
}

export interface FhirSummary {
  resourceType: string
  id: string | undefined
  fields: FhirField[]
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

function concept(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  const coding = first(value.coding)
  return (
    text(value.text) ?? (isObject(coding) ? (text(coding.display) ?? text(coding.code)) : undefined)
  )
}

function humanName(value: unknown): string | undefined {
  const name = first(value)
  if (!isObject(name)) return undefined
  const given = Array.isArray(name.given) ? name.given.map(text).filter(Boolean) : []
  return text(name.text) ?? ([...given, text(name.family)].filter(Boolean).join(' ') || undefined)
}

function reference(value: unknown): string | undefined {
  return isObject(value) ? (text(value.display) ?? text(value.reference)) : undefined
}

function identifier(value: unknown): string | undefined {
  const id = first(value)
  if (!isObject(id)) return undefined
  const system = text(id.system)
  const shown = text(id.value)
  return shown && system ? `${shown} (${system})` : shown
}

function quantity(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  const amount = text(value.value)
  if (amount === undefined) return undefined
  const unit = text(value.unit) ?? text(value.code)
  return unit ? `${amount} ${unit}` : amount
}

/** Observation.value[x] in any of its common forms. */
function observationValue(resource: Json): string | undefined {
  return (
    quantity(resource.valueQuantity) ??
    concept(resource.valueCodeableConcept) ??
    text(resource.valueString) ??
    text(resource.valueBoolean) ??
    text(resource.valueInteger) ??
    text(resource.valueDateTime)
  )
}

function effective(resource: Json): string | undefined {
  return (
    text(resource.effectiveDateTime) ??
    (isObject(resource.effectivePeriod) ? text(resource.effectivePeriod.start) : undefined) ??
    text(resource.effectiveInstant)
  )
}

function field(labelKey: ParseKeys, value: string | undefined): FhirField[] {
  return value === undefined ? [] : [{ labelKey, value }]
}

function bundleContents(resource: Json): string | undefined {
  if (!Array.isArray(resource.entry)) return undefined
  const counts = new Map<string, number>()
  for (const entry of resource.entry) {
    const type =
      isObject(entry) && isObject(entry.resource) ? text(entry.resource.resourceType) : undefined
    if (type) counts.set(type, (counts.get(type) ?? 0) + 1)
  }
  return [...counts].map(([type, count]) => `${type} × ${count}`).join(', ') || undefined
}

/** The summary of a parsed JSON document, or undefined when it is no FHIR resource. */
export function summariseFhir(document: unknown): FhirSummary | undefined {
  if (!isObject(document)) return undefined
  const resourceType = text(document.resourceType)
  if (!resourceType) return undefined
  const r = document
  let fields: FhirField[]
  switch (resourceType) {
    case 'Patient':
      fields = [
        ...field('records.fhir.name', humanName(r.name)),
        ...field('records.fhir.gender', text(r.gender)),
        ...field('records.fhir.birthDate', text(r.birthDate)),
        ...field('records.fhir.identifier', identifier(r.identifier)),
      ]
      break
    case 'Observation':
      fields = [
        ...field('records.fhir.status', text(r.status)),
        ...field('records.fhir.code', concept(r.code)),
        ...field('records.fhir.value', observationValue(r)),
        ...field('records.fhir.interpretation', concept(first(r.interpretation))),
        ...field('records.fhir.subject', reference(r.subject)),
        ...field('records.fhir.effective', effective(r)),
      ]
      break
    case 'DiagnosticReport':
      fields = [
        ...field('records.fhir.status', text(r.status)),
        ...field('records.fhir.code', concept(r.code)),
        ...field('records.fhir.subject', reference(r.subject)),
        ...field('records.fhir.effective', effective(r)),
        ...field('records.fhir.issued', text(r.issued)),
        ...field('records.fhir.conclusion', text(r.conclusion)),
        ...field(
          'records.fhir.results',
          Array.isArray(r.result) ? String(r.result.length) : undefined,
        ),
      ]
      break
    case 'Bundle':
      fields = [
        ...field('records.fhir.bundleType', text(r.type)),
        ...field('records.fhir.total', text(r.total)),
        ...field(
          'records.fhir.entries',
          Array.isArray(r.entry) ? String(r.entry.length) : undefined,
        ),
        ...field('records.fhir.contents', bundleContents(r)),
      ]
      break
    default:
      fields = [...field('records.fhir.status', text(r.status))]
  }
  return { resourceType, id: text(r.id), fields }
}
