// The verification policy in one import: pure decisions on plain state, no storage, no I/O.

export * from './decision.js';
export { checkSignIn, type SignInDecision, type SignInOptions } from './sign-in.js';
export { searchActivation, type ActivationDecision, type ActivationOptions } from './activation.js';
export { resync, type ResyncDecision, type ResyncOptions } from './resync.js';
export * from './lockout.js';
export * from './activation-limit.js';
