/**
 * The Cornerstone codecs ship no types: the part of their Emscripten factories used here. A
 * top-level import would turn these declarations into augmentations, hence the import() types.
 */
declare module '@cornerstonejs/codec-openjpeg/decode' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const factory: import('./dicom-codecs.ts').CodecFactory<'J2KDecoder'>
  export default factory
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decode' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const factory: import('./dicom-codecs.ts').CodecFactory<'JPEGDecoder'>
  export default factory
}
