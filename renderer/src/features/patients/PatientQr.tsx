import { create } from 'qrcode'
import { useMemo } from 'react'

/** Quiet zone around the symbol, in modules, so phone cameras find its edges. */
const margin = 2

/** The patient's address as a QR code, drawn as crisp SVG (scales for print). */
export function PatientQr({
  value,
  label,
  size = 184,
}: {
  value: string
  label: string
  size?: number
}) {
  const { modules, path } = useMemo(() => {
    const symbol = create(value, { errorCorrectionLevel: 'M' })
    const count = symbol.modules.size
    let d = ''
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < count; column += 1) {
        if (symbol.modules.get(row, column)) d += `M${column} ${row}h1v1h-1z`
      }
    }
    return { modules: count, path: d }
  }, [value])
  const extent = modules + margin * 2

  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="patient-qr"
      data-value={value}
      width={size}
      height={size}
      viewBox={`${-margin} ${-margin} ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect x={-margin} y={-margin} width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
