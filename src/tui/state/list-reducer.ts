// Cursor and scroll window of a list of `total` rows of which `height` are visible. Rows are
// never held here, so the same state serves a list of ten rows or of a hundred thousand.

export interface ListState {
  total: number;
  height: number;
  cursor: number;
  /** Index of the first visible row. */
  top: number;
}

export type ListAction =
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'setTotal'; total: number }
  | { type: 'setHeight'; height: number }
  | { type: 'reset' };

export const emptyList: ListState = { total: 0, height: 1, cursor: 0, top: 0 };

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'move':
      return place(state, state.cursor + action.delta);
    case 'page':
      return place(state, state.cursor + action.direction * Math.max(1, state.height - 1));
    case 'first':
      return place(state, 0);
    case 'last':
      return place(state, state.total - 1);
    case 'setTotal':
      return place({ ...state, total: Math.max(0, action.total) }, state.cursor);
    case 'setHeight':
      return place({ ...state, height: Math.max(1, action.height) }, state.cursor);
    case 'reset':
      return { ...state, cursor: 0, top: 0 };
  }
}

/** Moves the cursor within bounds and scrolls just enough to keep it visible. */
function place(state: ListState, wanted: number): ListState {
  const cursor = clamp(wanted, 0, Math.max(0, state.total - 1));

  let top = state.top;
  if (cursor < top) top = cursor;
  if (cursor >= top + state.height) top = cursor - state.height + 1;
  top = clamp(top, 0, Math.max(0, state.total - state.height));

  if (cursor === state.cursor && top === state.top) return state;

  return { ...state, cursor, top };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
