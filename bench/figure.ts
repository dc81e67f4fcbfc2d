/** One printed figure; `baseline` is measured in the same run, `ratio` = value / baseline. */
export interface Figure {
  name: string
  value: number
  unit: string
  baseline?: number
  ratio?: number
  note?: string
}
