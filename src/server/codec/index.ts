// The RADIUS codec: decoding of requests and encoding of responses, with every check explicit.

export * from './constants.js';
export * from './decode.js';
export * from './encode.js';
export * from './md5.js';
export * from './message-authenticator.js';
export * from './password.js';
