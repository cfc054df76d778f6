// Colours by role, never raw colours in components. NO_COLOR (https://no-color.org) turns every
// role into plain text; emphasis then comes from bold, inverse and the `>` cursor mark only.

export type Role = 'ok' | 'warn' | 'error' | 'muted' | 'focus' | 'accent';

export interface Theme {
  readonly isColor: boolean;
  color(role: Role): string | undefined;
}

const COLORS: Record<Role, string> = {
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  muted: 'gray',
  focus: 'cyan',
  accent: 'magenta',
};

export function createTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  // Any value, even empty, of NO_COLOR counts as present, as the convention says.
  const isColor = env['NO_COLOR'] === undefined;

  return {
    isColor,
    color: (role) => (isColor ? COLORS[role] : undefined),
  };
}
