// The Users screen: the list window, and whose security info is open.
import type { User } from '../../engine/types.js';
import { emptyList, listReducer, type ListAction, type ListState } from './list-reducer.js';

export type UsersView = { kind: 'list' } | { kind: 'info'; upn: string };

export interface UsersState {
  users: User[];
  list: ListState;
  view: UsersView;
}

export type UsersAction =
  | { type: 'loaded'; users: User[] }
  | { type: 'list'; action: ListAction }
  | { type: 'openInfo'; upn: string }
  | { type: 'closeInfo' };

export const initialUsers: UsersState = { users: [], list: emptyList, view: { kind: 'list' } };

export function usersReducer(state: UsersState, action: UsersAction): UsersState {
  switch (action.type) {
    case 'loaded': {
      const users = [...action.users].sort((a, b) => a.upn.localeCompare(b.upn));

      return {
        ...state,
        users,
        list: listReducer(state.list, { type: 'setTotal', total: users.length }),
      };
    }
    case 'list':
      return { ...state, list: listReducer(state.list, action.action) };
    case 'openInfo':
      return { ...state, view: { kind: 'info', upn: action.upn } };
    case 'closeInfo':
      return { ...state, view: { kind: 'list' } };
  }
}
