// The Tokens screen: the filter, the list window, and whether the detail of a token is open.
import { emptyList, listReducer, type ListAction, type ListState } from './list-reducer.js';

export type TokensView = { kind: 'list' } | { kind: 'detail'; serial: string };

export interface TokensState {
  filter: string;
  view: TokensView;
  list: ListState;
  /** Bumped to refetch the rows after a change. */
  generation: number;
}

export type TokensAction =
  | { type: 'list'; action: ListAction }
  | { type: 'filter'; text: string }
  | { type: 'openDetail'; serial: string }
  | { type: 'closeDetail' }
  | { type: 'reload' };

export const initialTokens: TokensState = {
  filter: '',
  view: { kind: 'list' },
  list: emptyList,
  generation: 0,
};

export function tokensReducer(state: TokensState, action: TokensAction): TokensState {
  switch (action.type) {
    case 'list': {
      const list = listReducer(state.list, action.action);

      return list === state.list ? state : { ...state, list };
    }
    case 'filter':
      return {
        ...state,
        filter: action.text.trim(),
        list: listReducer(state.list, { type: 'reset' }),
        generation: state.generation + 1,
      };
    case 'openDetail':
      return { ...state, view: { kind: 'detail', serial: action.serial } };
    case 'closeDetail':
      return { ...state, view: { kind: 'list' } };
    case 'reload':
      return { ...state, generation: state.generation + 1 };
  }
}
