// The admin interface through the control socket of the process that owns the data directory.
import net from 'node:net';
import type { AdminApi } from '../engine/admin-api.js';
import { AdminError, EXIT } from '../engine/errors.js';
import {
  ADMIN_METHODS,
  fromWireError,
  type ControlRequest,
  type ControlResponse,
} from './control-protocol.js';

export interface RemoteAdmin {
  admin: AdminApi;
  close(): void;
  /** Resolves when the connection ends, whoever ended it. */
  closed: Promise<void>;
}

export function connectSocket(file: string, timeoutMs = 2000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AdminError('CONTROL_TIMEOUT', `no answer on ${file}`, EXIT.unavailable));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function remoteAdmin(socket: net.Socket, actor: string): RemoteAdmin {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let buffered = '';
  socket.setEncoding('utf8');

  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const response = JSON.parse(buffered.slice(0, newline)) as ControlResponse;
      buffered = buffered.slice(newline + 1);
      const waiter = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) waiter?.reject(fromWireError(response.error));
      else waiter?.resolve(response.result);
      newline = buffered.indexOf('\n');
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('close', () => {
    const lost = new AdminError(
      'CONTROL_CLOSED',
      'the oathdesk process that owns the data directory went away',
      EXIT.unavailable,
    );
    for (const waiter of pending.values()) waiter.reject(lost);
    pending.clear();
  });
  socket.on('error', () => socket.destroy());

  const call = (method: keyof AdminApi, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (socket.destroyed) {
        reject(new AdminError('CONTROL_CLOSED', 'the control socket is closed', EXIT.unavailable));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const request: ControlRequest = { id, actor, method, args };
      socket.write(JSON.stringify(request) + '\n');
    });

  const admin = Object.fromEntries(
    ADMIN_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as AdminApi;
  return { admin, close: () => socket.end(), closed };
}
