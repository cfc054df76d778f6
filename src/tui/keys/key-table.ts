// The one key table. It drives key dispatch (use-commands), the hint bar and the help screen, so
// a key cannot work without being described, nor be described without working.

export type ScreenId = 'uploads' | 'tokens' | 'users' | 'live' | 'clients' | 'audit';

export type Scope = 'always' | 'global' | 'help' | 'list' | 'confirm' | 'form' | ScreenId;

export interface CommandSpec {
  readonly id: string;
  readonly scope: Scope;
  readonly keys: readonly string[];
  readonly description: string;
  /** Shown in the hint bar under this short label. */
  readonly hint: string;
  /**
   * The command asks for a y/n confirmation first; `dangerous` ones are drawn in the warning
   * colour. Help shows "(asks first)" for both, from here.
   */
  readonly confirm?: 'dangerous' | 'plain';
}

export const SCREENS: readonly { id: ScreenId; title: string }[] = [
  { id: 'uploads', title: 'Uploads' },
  { id: 'tokens', title: 'Tokens' },
  { id: 'users', title: 'Users' },
  { id: 'live', title: 'Live' },
  { id: 'clients', title: 'Clients' },
  { id: 'audit', title: 'Audit' },
];

export const KEY_TABLE = [
  { id: 'interrupt', scope: 'always', keys: ['ctrl+c'], description: 'Quit', hint: 'quit' },
  { id: 'quit', scope: 'global', keys: ['q'], description: 'Quit oathdesk', hint: 'quit' },
  { id: 'help', scope: 'global', keys: ['?'], description: 'Show this help', hint: 'help' },
  { id: 'screen1', scope: 'global', keys: ['1'], description: 'Uploads screen', hint: 'uploads' },
  { id: 'screen2', scope: 'global', keys: ['2'], description: 'Tokens screen', hint: 'tokens' },
  { id: 'screen3', scope: 'global', keys: ['3'], description: 'Users screen', hint: 'users' },
  { id: 'screen4', scope: 'global', keys: ['4'], description: 'Live screen', hint: 'live' },
  { id: 'screen5', scope: 'global', keys: ['5'], description: 'Clients screen', hint: 'clients' },
  { id: 'screen6', scope: 'global', keys: ['6'], description: 'Audit screen', hint: 'audit' },
  { id: 'nextScreen', scope: 'global', keys: ['tab'], description: 'Next screen', hint: 'next' },
  {
    id: 'prevScreen',
    scope: 'global',
    keys: ['shift+tab'],
    description: 'Previous screen',
    hint: 'prev',
  },

  {
    id: 'closeHelp',
    scope: 'help',
    keys: ['escape', '?', 'q'],
    description: 'Close help',
    hint: 'close',
  },

  { id: 'up', scope: 'list', keys: ['up', 'k'], description: 'Move up', hint: 'up' },
  { id: 'down', scope: 'list', keys: ['down', 'j'], description: 'Move down', hint: 'down' },
  { id: 'pageUp', scope: 'list', keys: ['pageup'], description: 'Page up', hint: 'page up' },
  {
    id: 'pageDown',
    scope: 'list',
    keys: ['pagedown'],
    description: 'Page down',
    hint: 'page down',
  },
  { id: 'first', scope: 'list', keys: ['home', 'g'], description: 'First row', hint: 'first' },
  { id: 'last', scope: 'list', keys: ['end', 'G'], description: 'Last row', hint: 'last' },
  {
    id: 'back',
    scope: 'list',
    keys: ['escape'],
    description: 'Back to the list',
    hint: 'back',
  },

  {
    id: 'upload',
    scope: 'uploads',
    keys: ['u'],
    description: 'Upload a CSV file',
    hint: 'upload',
  },
  {
    id: 'refresh',
    scope: 'uploads',
    keys: ['r'],
    description: 'Refresh uploads',
    hint: 'refresh',
  },
  {
    id: 'failures',
    scope: 'uploads',
    keys: ['enter'],
    description: 'Show the failed rows of the upload',
    hint: 'failures',
  },
  {
    id: 'writeFailures',
    scope: 'uploads',
    keys: ['d'],
    description: 'Write Failures_<name>.csv to a directory',
    hint: 'write failures',
  },
  {
    id: 'deleteUpload',
    scope: 'uploads',
    keys: ['x'],
    description: 'Delete the upload status',
    hint: 'delete',
    confirm: 'dangerous',
  },

  {
    id: 'filter',
    scope: 'tokens',
    keys: ['/'],
    description: 'Filter by serial, UPN, model or status (Esc clears it)',
    hint: 'filter',
  },
  {
    id: 'detail',
    scope: 'tokens',
    keys: ['enter'],
    description: 'Show the token detail',
    hint: 'detail',
  },
  {
    id: 'activate',
    scope: 'tokens',
    keys: ['a'],
    description: 'Activate with a code',
    hint: 'activate',
  },
  { id: 'assign', scope: 'tokens', keys: ['s'], description: 'Assign to a user', hint: 'assign' },
  {
    id: 'unassign',
    scope: 'tokens',
    keys: ['U'],
    description: 'Unassign from its user',
    hint: 'unassign',
    confirm: 'dangerous',
  },
  {
    id: 'resync',
    scope: 'tokens',
    keys: ['y'],
    description: 'Resync with two codes',
    hint: 'resync',
  },
  {
    id: 'disable',
    scope: 'tokens',
    keys: ['d'],
    description: 'Disable the token',
    hint: 'disable',
    confirm: 'dangerous',
  },
  {
    id: 'enable',
    scope: 'tokens',
    keys: ['e'],
    description: 'Enable the token',
    hint: 'enable',
    confirm: 'plain',
  },
  {
    id: 'delete',
    scope: 'tokens',
    keys: ['x'],
    description: 'Delete the token',
    hint: 'delete',
    confirm: 'dangerous',
  },
  { id: 'reload', scope: 'tokens', keys: ['r'], description: 'Reload the tokens', hint: 'reload' },

  {
    id: 'info',
    scope: 'users',
    keys: ['enter'],
    description: "Show the user's security info",
    hint: 'info',
  },
  {
    id: 'enroll',
    scope: 'users',
    keys: ['e'],
    description: 'Enroll a software token',
    hint: 'enroll',
  },
  {
    id: 'reloadUsers',
    scope: 'users',
    keys: ['r'],
    description: 'Reload the users',
    hint: 'reload',
  },

  {
    id: 'pause',
    scope: 'live',
    keys: ['p'],
    description: 'Pause or resume the live view',
    hint: 'pause',
  },

  {
    id: 'addClient',
    scope: 'clients',
    keys: ['a'],
    description: 'Add a RADIUS client',
    hint: 'add',
  },
  {
    id: 'removeClient',
    scope: 'clients',
    keys: ['x'],
    description: 'Remove the RADIUS client',
    hint: 'remove',
    confirm: 'dangerous',
  },
  {
    id: 'reloadClients',
    scope: 'clients',
    keys: ['r'],
    description: 'Reload the clients',
    hint: 'reload',
  },

  {
    id: 'openEntry',
    scope: 'audit',
    keys: ['enter'],
    description: 'Open the entry in full (Esc goes back)',
    hint: 'open',
  },
  {
    id: 'filterAudit',
    scope: 'audit',
    keys: ['/'],
    description: 'Filter the audit trail (Esc clears it)',
    hint: 'filter',
  },
  {
    id: 'reloadAudit',
    scope: 'audit',
    keys: ['r'],
    description: 'Reload the audit trail',
    hint: 'reload',
  },

  { id: 'yes', scope: 'confirm', keys: ['y'], description: 'Confirm', hint: 'yes' },
  { id: 'no', scope: 'confirm', keys: ['n', 'escape'], description: 'Cancel', hint: 'no' },

  { id: 'submit', scope: 'form', keys: ['enter'], description: 'Submit', hint: 'submit' },
  {
    id: 'nextField',
    scope: 'form',
    keys: ['tab', 'down'],
    description: 'Next field',
    hint: 'next field',
  },
  {
    id: 'prevField',
    scope: 'form',
    keys: ['shift+tab', 'up'],
    description: 'Previous field',
    hint: 'prev field',
  },
  {
    id: 'cycleChoice',
    scope: 'form',
    keys: ['left', 'right', 'space'],
    description: 'Change the choice',
    hint: 'change',
  },
  { id: 'cancel', scope: 'form', keys: ['escape'], description: 'Cancel', hint: 'cancel' },
  {
    id: 'erase',
    scope: 'form',
    keys: ['backspace', 'delete'],
    description: 'Erase the last character',
    hint: 'erase',
  },
  {
    id: 'clearField',
    scope: 'form',
    keys: ['ctrl+u'],
    description: 'Clear the field',
    hint: 'clear',
  },
  {
    id: 'eraseWord',
    scope: 'form',
    keys: ['ctrl+w'],
    description: 'Erase the last word (back to a space or /)',
    hint: 'erase word',
  },
] as const satisfies readonly CommandSpec[];

export type Command = (typeof KEY_TABLE)[number];

export type CommandId<S extends Scope = Scope> = Extract<Command, { scope: S }>['id'];

export function commandsOf(scope: Scope): readonly CommandSpec[] {
  return KEY_TABLE.filter((command) => command.scope === scope);
}

/** How the command confirms (see CommandSpec.confirm); command ids are unique in the table. */
export function confirmOf(id: CommandId): CommandSpec['confirm'] {
  const commands: readonly CommandSpec[] = KEY_TABLE;

  return commands.find((command) => command.id === id)?.confirm;
}

/** The commands a key reaches in the given scopes, first scope first. */
export function findCommand(scopes: readonly Scope[], keyName: string): CommandSpec | undefined {
  for (const scope of scopes) {
    const commands: readonly CommandSpec[] = KEY_TABLE;
    const found = commands.find(
      (command) => command.scope === scope && command.keys.includes(keyName),
    );
    if (found) return found;
  }

  return undefined;
}
