// The RADIUS server: codec, user-name mapping, retransmission cache, packet handler and socket.

export type { ClientRecord } from './client-table.js';
export type { PacketOutcome, OutcomeKind, ServerLogger } from './outcome.js';
export {
  createPacketHandler,
  type Authenticate,
  type AuthenticationRequest,
  type PacketHandler,
  type PacketHandlerOptions,
  type SourceInfo,
} from './packet-handler.js';
export {
  createRadiusServer,
  type RadiusServer,
  type RadiusServerOptions,
} from './radius-server.js';
export { createUserNameMapper, mapUserName, type UserNameConfig } from './user-name.js';
