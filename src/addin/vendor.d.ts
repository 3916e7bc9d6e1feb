/** The Encoding Standard's polyfill (the inexorabletash implementation, kept by Sinon.JS): no types of its own. */
declare module '@sinonjs/text-encoding' {
  export const TextEncoder: typeof globalThis.TextEncoder;
  export const TextDecoder: typeof globalThis.TextDecoder;
}
