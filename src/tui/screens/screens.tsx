// All six screens stay mounted so that each keeps its place and filter when the admin switches;
// only the current one is displayed and takes keys.
import { Box } from 'ink';
import { memo, type ComponentType, type ReactNode } from 'react';

import type { ScreenId } from '../keys/key-table.js';
import { AuditScreen } from './audit/audit-screen.js';
import { ClientsScreen } from './clients/clients-screen.js';
import { LiveScreen } from './live/live-screen.js';
import type { ScreenProps } from './screen-props.js';
import { TokensScreen } from './tokens/tokens-screen.js';
import { UploadsScreen } from './uploads/uploads-screen.js';
import { UsersScreen } from './users/users-screen.js';

const COMPONENTS: Record<ScreenId, ComponentType<ScreenProps>> = {
  uploads: UploadsScreen,
  tokens: TokensScreen,
  users: UsersScreen,
  live: LiveScreen,
  clients: ClientsScreen,
  audit: AuditScreen,
};

export interface ScreensProps {
  current: ScreenId;
  width: number;
  height: number;
  hasKeys: boolean;
}

export const Screens = memo(function Screens(props: ScreensProps): ReactNode {
  return (
    <>
      {(Object.keys(COMPONENTS) as ScreenId[]).map((id) => {
        const Screen = COMPONENTS[id];
        const isCurrent = id === props.current;

        return (
          <Box key={id} display={isCurrent ? 'flex' : 'none'} flexShrink={0}>
            <Screen
              width={props.width}
              height={props.height}
              isActive={isCurrent && props.hasKeys}
            />
          </Box>
        );
      })}
    </>
  );
});
