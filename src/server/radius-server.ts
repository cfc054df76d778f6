// The UDP face of the packet handler: one socket, one handler, answers sent to the source.

import { createSocket, type Socket, type SocketOptions } from 'node:dgram';
import { lookup } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';

import type { ClientFigures } from '../engine/types.js';
import {
  createPacketHandler,
  type PacketHandlerOptions,
  type Reply,
  type SourceInfo,
} from './packet-handler.js';

export interface RadiusServerOptions extends PacketHandlerOptions {
  /** Address to bind; default `0.0.0.0`. An IPv6 address (`::`) binds an IPv6 socket. */
  host?: string;
  /** Default 1812; 0 picks a free port (read it from `start()`). */
  port?: number;
}

export interface RadiusServer {
  start(): Promise<{ address: string; port: number }>;
  /** Closes the socket; answers still being verified are not sent. */
  stop(): Promise<void>;
  handlePacket(buf: Buffer, source: SourceInfo): Promise<Buffer | null>;
  figures(): ClientFigures[];
  unknownSourceDrops(): number;
}

/**
 * dgram passes every destination through dns.lookup, which answers even an IP literal only on
 * the next tick; answers go to the address a datagram came from, always a literal.
 */
const lookupLiteral: SocketOptions['lookup'] = (hostname, options, callback) => {
  const family = isIP(hostname);
  if (family === 0) lookup(hostname, options, callback);
  else callback(null, hostname, family);
};

export function createRadiusServer(options: RadiusServerOptions): RadiusServer {
  const handler = createPacketHandler(options);
  const host = options.host ?? '0.0.0.0';
  let socket: Socket | null = null;

  // One function for every send, not a closure per answer; dgram names the address in the error.
  const onSent = (error: (Error & { address?: string }) | null): void => {
    if (error) options.logger?.warn({ err: error, address: error.address }, 'send failed');
  };

  function answerFrom(bound: Socket): Reply {
    return (response, source) => {
      if (response && socket === bound) bound.send(response, source.port, source.address, onSent);
    };
  }

  return {
    start: () =>
      new Promise((resolve, reject) => {
        if (socket) {
          reject(new Error('RADIUS server already started'));
          return;
        }
        const created = createSocket({
          type: isIPv6(host) ? 'udp6' : 'udp4',
          lookup: lookupLiteral,
        });
        const reply = answerFrom(created);
        created.on('message', (message, source) => handler.respond(message, source, reply));
        created.once('error', reject);
        created.bind(options.port ?? 1812, host, () => {
          created.off('error', reject);
          created.on('error', (error) => options.logger?.error({ err: error }, 'socket error'));
          socket = created;
          const { address, port } = created.address();
          resolve({ address, port });
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        const closing = socket;
        socket = null;
        if (!closing) {
          resolve();
          return;
        }
        closing.close(() => resolve());
      }),
    handlePacket: handler.handlePacket,
    figures: handler.figures,
    unknownSourceDrops: handler.unknownSourceDrops,
  };
}
