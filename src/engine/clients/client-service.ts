// RADIUS clients (NAS): name, address or CIDR block, shared secret (sealed like seeds), and the
// Message-Authenticator mode. `require` is the default, as the BlastRADIUS advisory asks.
import type { EngineContext } from '../context.js';
import { AdminError, EXIT, notFound } from '../errors.js';
import type { MessageAuthenticatorMode, RadiusClient } from '../types.js';
import { parseClientAddress, storedClientAddress } from './client-address.js';

const SECRET_PURPOSE = 'radius-client';
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ClientWithSecret extends RadiusClient {
  secret: Buffer;
}

interface ClientRow {
  name: string;
  address: string;
  secret: Uint8Array;
  message_authenticator: MessageAuthenticatorMode;
  created_at: number;
}

export class ClientService {
  /** Bumped on every change so the RADIUS server knows to reload its table. */
  version = 0;

  constructor(private readonly ctx: EngineContext) {}

  list(): RadiusClient[] {
    return this.rows().map(({ name, address, message_authenticator, created_at }) => ({
      name,
      address,
      messageAuthenticator: message_authenticator,
      createdAt: created_at,
    }));
  }

  /** Clients with their opened secrets, for the RADIUS server only. */
  listWithSecrets(): ClientWithSecret[] {
    return this.rows().map((row) => ({
      name: row.name,
      address: row.address,
      messageAuthenticator: row.message_authenticator,
      createdAt: row.created_at,
      secret: this.ctx.box.open(row.secret, SECRET_PURPOSE),
    }));
  }

  async add(
    input: { name: string; address: string; secret: string; messageAuthenticator: string },
    actor: string,
  ): Promise<RadiusClient> {
    const name = input.name.trim();
    if (!NAME_PATTERN.test(name)) {
      throw new AdminError(
        'CLIENT_NAME_INVALID',
        `client name '${name}' is not valid`,
        EXIT.usage,
        'use letters, digits, dot, dash or underscore (at most 64)',
      );
    }
    const address = parseClientAddress(input.address.trim()).text;
    if (input.secret.length < 8) {
      throw new AdminError(
        'CLIENT_SECRET_WEAK',
        'the shared secret is shorter than 8 characters',
        EXIT.usage,
        'use a long random secret, e.g. from: openssl rand -base64 24',
      );
    }
    const mode = input.messageAuthenticator;
    if (mode !== 'require' && mode !== 'off') {
      throw new AdminError(
        'CLIENT_MODE_INVALID',
        `Message-Authenticator mode '${mode}' is not 'require' or 'off'`,
        EXIT.usage,
      );
    }
    const sameNetwork = this.rows().find((row) => row.address === address);
    if (sameNetwork) {
      // The RADIUS server picks one client per source; a second one for the same network would
      // never be used, and its NAS would be dropped with the other client's secret.
      throw new AdminError(
        'CLIENT_ADDRESS_TAKEN',
        `client '${sameNetwork.name}' already has ${sameNetwork.address}`,
        EXIT.refused,
        `remove it first (oathdesk clients remove ${sameNetwork.name}) or use a narrower block`,
      );
    }
    if (this.rows().some((row) => row.name === name)) {
      throw new AdminError(
        'CLIENT_EXISTS',
        `a client named '${name}' exists`,
        EXIT.refused,
        'remove it first with: oathdesk clients remove ' + name,
      );
    }

    const createdAt = this.ctx.now();
    const sealed = this.ctx.box.seal(Buffer.from(input.secret, 'utf8'), SECRET_PURPOSE);
    await this.ctx.store.write((tx) => {
      tx.run(
        `INSERT INTO clients (name, address, secret, message_authenticator, created_at)
         VALUES (?, ?, ?, ?, ?)`,
        [name, address, sealed, mode, createdAt],
      );
      this.ctx.audit.record(tx, {
        actor,
        action: 'client.add',
        upn: null,
        serial: null,
        outcome: 'ok',
        reason: `client ${name} at ${address}, Message-Authenticator ${mode}`,
      });
    });
    this.version++;
    return { name, address, messageAuthenticator: mode, createdAt };
  }

  async remove(name: string, actor: string): Promise<void> {
    await this.ctx.store.write((tx) => {
      tx.run('DELETE FROM clients WHERE name = ?', [name]);
      if (tx.changes() === 0) throw notFound('client', name, 'list them with: oathdesk clients');
      this.ctx.audit.record(tx, {
        actor,
        action: 'client.remove',
        upn: null,
        serial: null,
        outcome: 'ok',
        reason: `client ${name} removed`,
      });
    });
    this.version++;
  }

  /** Addresses in canonical form, however they were stored (see storedClientAddress). */
  private rows(): ClientRow[] {
    const rows = this.ctx.store.all<ClientRow>(
      'SELECT name, address, secret, message_authenticator, created_at FROM clients ORDER BY name',
    );
    return rows.map((row) => ({ ...row, address: storedClientAddress(row.address) }));
  }
}
