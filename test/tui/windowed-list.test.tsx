import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';

import { WindowedList } from '../../src/tui/components/windowed-list.js';
import { emptyList, listReducer } from '../../src/tui/state/list-reducer.js';
import { createTheme } from '../../src/tui/theme.js';
import { TuiContext, type TuiServices } from '../../src/tui/tui-context.js';
import { FakeAdmin, NOW } from './fake-admin.js';
import { KEY, renderApp } from './harness.js';

const services: TuiServices = {
  admin: new FakeAdmin(),
  theme: createTheme({ NO_COLOR: '1' }),
  isAttached: false,
  now: () => NOW,
  notify: () => undefined,
  openDialog: () => undefined,
};

describe('the windowed list', () => {
  it('renders only the visible rows of 100,000', () => {
    let state = listReducer(emptyList, { type: 'setHeight', height: 10 });
    state = listReducer(state, { type: 'setTotal', total: 100_000 });
    state = listReducer(state, { type: 'move', delta: 50_000 });
    const asked: number[] = [];

    const { lastFrame } = render(
      <TuiContext.Provider value={services}>
        <WindowedList
          list={state}
          width={40}
          rowText={(index) => {
            asked.push(index);
            return `row ${index}`;
          }}
        />
      </TuiContext.Provider>,
    );

    expect(asked).toEqual(Array.from({ length: 10 }, (_, offset) => 49_991 + offset));
    expect(lastFrame()?.split('\n')).toHaveLength(10);
    expect(lastFrame()).toContain('>row 50000');
  });

  it('fetches the Tokens screen in pages, never all 100,000 rows', async () => {
    const admin = new FakeAdmin({ tokens: 100_000 });
    const limits: number[] = [];
    const listTokens = admin.listTokens.bind(admin);
    admin.listTokens = (query) => {
      limits.push(query.limit ?? Infinity);
      return listTokens(query);
    };
    const harness = renderApp(admin);
    await harness.waitFor('1 of 100000');

    await harness.press('G');
    await harness.waitFor('100000 of 100000');
    await harness.waitFor('1099999');
    expect(Math.max(...limits)).toBeLessThanOrEqual(200);

    await harness.press(KEY.up);
    await harness.waitFor('99999 of 100000');
    harness.unmount();
  });
});
