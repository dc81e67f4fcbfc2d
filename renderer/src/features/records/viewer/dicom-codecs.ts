/**
 * Decoders of compressed DICOM frames: OpenJPEG for JPEG 2000 and libjpeg-turbo for JPEG baseline,
 * both from the Cornerstone project's maintained builds. Their `decode` entry points are compiled
 * to plain JavaScript (wasm2js), so they run under the renderer's CSP as it is: a WebAssembly build
 * would need 'wasm-unsafe-eval' in script-src, which lets any script that gets into the page
 * compile code. Each is loaded the first time a frame needs it.
 */

/** What a decoder returns: interleaved samples, one or two bytes each (little endian). */
export interface DecodedFrame {
  width: number
  height: number
  bitsPerSample: number
  componentCount: number
  pixels: Uint8Array
}

export type Codec = 'jpeg-baseline' | 'jpeg-2000'

const codecsBySyntax: Record<string, Codec> = {
  '1.2.840.10008.1.2.4.50': 'jpeg-baseline',
  '1.2.840.10008.1.2.4.90': 'jpeg-2000',
  '1.2.840.10008.1.2.4.91': 'jpeg-2000',
}

/** The decoder for a transfer syntax, if this viewer has one. */
export function codecFor(transferSyntaxUid: string): Codec | undefined {
  return codecsBySyntax[transferSyntaxUid]
}

/** The decoder classes of the Emscripten builds (typed in cornerstone-codecs.d.ts). */
export interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array
  decode(): void
  getFrameInfo(): Omit<DecodedFrame, 'pixels'>
  getDecodedBuffer(): Uint8Array
  delete(): void
}
type DecoderClass = new () => EmscriptenDecoder
export type CodecFactory<Name extends string> = (options: {
  print: (text: string) => void
  printErr: (text: string) => void
}) => Promise<Record<Name, DecoderClass>>

// The builds log each decode to the console; a viewer has nothing to say there.
const quiet = { print: () => {}, printErr: () => {} }

const loaders: Record<Codec, () => Promise<DecoderClass>> = {
  'jpeg-2000': async () => {
    const { default: factory } = await import('@cornerstonejs/codec-openjpeg/decode')
    return (await factory(quiet)).J2KDecoder
  },
  'jpeg-baseline': async () => {
    const { default: factory } = await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decode')
    return (await factory(quiet)).JPEGDecoder
  },
}

const loaded = new Map<Codec, Promise<DecoderClass>>()

/** Decodes one encoded frame. Throws what the decoder throws for a damaged stream. */
export async function decodeFrame(codec: Codec, encoded: Uint8Array): Promise<DecodedFrame> {
  let load = loaded.get(codec)
  if (!load) {
    load = loaders[codec]()
    loaded.set(codec, load)
    // A failed load is tried again next time rather than remembered.
    load.catch(() => loaded.delete(codec))
  }
  const decoder = new (await load)()
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded)
    decoder.decode()
    // The decoded buffer is a view of the decoder's memory: copy it before the decoder goes.
    return { ...decoder.getFrameInfo(), pixels: decoder.getDecodedBuffer().slice() }
  } finally {
    decoder.delete()
  }
}
