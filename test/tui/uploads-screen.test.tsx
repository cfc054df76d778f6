import { afterEach, describe, expect, it } from 'vitest';

import { KEY, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

async function typeInto(h: Harness, text: string): Promise<void> {
  for (const char of text) await h.press(char);
}

async function clearField(h: Harness, length: number): Promise<void> {
  for (let index = 0; index < length; index += 1) await h.press('\u007f');
}

describe('the Uploads screen', () => {
  it('lists uploads with counts, age and days until expiry', async () => {
    harness = renderApp(undefined, 'uploads');
    const frame = await harness.waitFor('tokens.csv');

    expect(frame).toContain('completedWithErrors');
    expect(frame).toContain('29d');
  });

  it('opens the failures with Enter and writes the failures file where asked', async () => {
    harness = renderApp(undefined, 'uploads');
    await harness.waitFor('tokens.csv');

    await harness.press(KEY.enter);
    const failures = await harness.waitFor('nobody@contoso.com');
    expect(failures).toContain('USER_NOT_FOUND: import the user first');

    await harness.press('d');
    await harness.waitFor('Directory:');
    await clearField(harness, process.cwd().length);
    await typeInto(harness, '/tmp/out');
    await harness.press(KEY.enter);
    await harness.waitFor('Wrote /tmp/out/Failures_tokens.csv');
    expect(harness.admin.calls).toContain('writeFailures u1 /tmp/out');
  });

  it('uploads a file with a progress bar and reports the result', async () => {
    harness = renderApp(undefined, 'uploads');
    await harness.waitFor('tokens.csv');

    await harness.press('u');
    const dialog = await harness.waitFor('Path:');
    expect(dialog).toContain(`Path: ${process.cwd()}/`);
    await typeInto(harness, 'more.csv');
    await harness.press(KEY.enter);

    await harness.waitFor('Upload done: 4 imported');
    await harness.waitFor('more.csv');
    expect(harness.admin.calls).toContain(`upload ${process.cwd()}/more.csv`);
  });

  it('deletes an upload status only after confirmation', async () => {
    harness = renderApp(undefined, 'uploads');
    await harness.waitFor('tokens.csv');

    await harness.press('x');
    await harness.waitFor('Delete the status of tokens.csv?');
    await harness.press('y');
    await harness.waitFor('no uploads yet');
    expect(harness.admin.uploads).toHaveLength(0);
  });
});
