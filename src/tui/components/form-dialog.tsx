// A dialog of one or more inputs. The result of a submit shows inline, may replace the dialog
// with a follow-up (such as the request for a second code), or closes it with a status.
import { Box, Text } from 'ink';
import { useEffect, useReducer, type ReactNode } from 'react';

import { printable } from '../../engine/printable.js';
import { useCommands } from '../hooks/use-commands.js';
import { useTextEntry } from '../hooks/use-text-entry.js';
import type { Dialog, FormDialog as FormValue, FormField } from '../state/dialog.js';
import { formReducer, initialForm } from '../state/form-reducer.js';
import { errorStatus, type Status } from '../state/status.js';
import { useTui } from '../tui-context.js';
import { HintBar } from './hint-bar.js';

export interface FormDialogProps {
  dialog: FormValue;
  width: number;
  height: number;
  onClose: (status: Status | null) => void;
  onReplace: (dialog: Dialog) => void;
}

export function FormDialog(props: FormDialogProps): ReactNode {
  const { dialog, width } = props;
  const { theme } = useTui();
  const [state, dispatch] = useReducer(formReducer, dialog, initialForm);
  const focused = dialog.fields[state.focus];
  const isTyped = focused !== undefined && !focused.choices;

  // Submitting goes through the reducer, so a key typed just before Enter is in the values even
  // when no frame was drawn between them.
  const submitted = state.submitted;
  useEffect(() => {
    if (!submitted) return;

    dialog.submit(submitted).then(
      (outcome) => {
        if (outcome.kind === 'done') props.onClose(outcome.status);
        if (outcome.kind === 'next') props.onReplace(outcome.dialog);
        if (outcome.kind === 'stay') dispatch({ type: 'note', note: outcome.note });
      },
      (error: unknown) => {
        const status = errorStatus(error);
        dispatch({ type: 'note', note: { tone: 'error', lines: [status.text] } });
      },
    );
    // Runs once per submit; the dialog and callbacks belong to this dialog's life.
  }, [submitted]);

  useCommands(
    ['form'],
    {
      submit: () => dispatch({ type: 'submit' }),
      nextField: () => dispatch({ type: 'step', delta: 1 }),
      prevField: () => dispatch({ type: 'step', delta: -1 }),
      cycleChoice: () => focused?.choices && dispatch({ type: 'cycle', choices: focused.choices }),
      cancel: () => props.onClose(null),
      erase: () => isTyped && dispatch({ type: 'erase', count: 1 }),
      clearField: () => isTyped && dispatch({ type: 'clear' }),
      eraseWord: () => isTyped && dispatch({ type: 'eraseWord' }),
    },
    { isActive: !state.isBusy },
  );

  // Bursts (a paste, keys sent together) arrive here whole, Enter and Tab included, and apply in
  // order; the reducer keeps text out of a choice field.
  useTextEntry({ isActive: !state.isBusy, onEdit: dispatch });

  const qrLines = dialog.qr?.split('\n') ?? [];
  const fieldRows = dialog.fields.length + (dialog.body?.length ?? 0) + 7;
  const showQr = qrLines.length > 0 && qrLines.length + fieldRows <= props.height;
  const inner = Math.min(width, 76) - 4;

  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.color('focus')}
      paddingX={1}
      width={inner + 4}
      flexShrink={0}
    >
      <Text bold>{printable(dialog.title)}</Text>
      {showQr && <Text>{qrLines.join('\n')}</Text>}
      {qrLines.length > 0 && !showQr && (
        <Text color={theme.color('warn')}>The QR code needs a taller terminal.</Text>
      )}
      {dialog.body?.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {dialog.fields.map((field, index) => {
        const isFocused = index === state.focus;
        const value = state.values[index] ?? '';

        return (
          <Box key={field.label} flexShrink={0}>
            <Text color={theme.color(isFocused ? 'focus' : 'muted')}>
              {(isFocused ? '> ' : '  ') + field.label + ': '}
            </Text>
            <Text>{shownValue(field, value)}</Text>
            {isFocused && !field.choices && <Text inverse> </Text>}
          </Box>
        );
      })}
      {focused?.kind === 'path' && state.isDefault[state.focus] && (
        <Text color={theme.color('muted')} wrap="truncate-end">
          {'Type a path from / or ~ to replace this one; other text is added to it.'}
        </Text>
      )}
      {state.isBusy && <Text color={theme.color('muted')}>working…</Text>}
      {state.note?.lines.map((line, index) => (
        <Text key={index} color={theme.color(state.note?.tone ?? 'muted')}>
          {line}
        </Text>
      ))}
      <HintBar scopes={['form']} width={inner} rows={2} />
    </Box>
  );
}

function shownValue(field: FormField, value: string): string {
  if (field.choices) return `‹ ${value} ›`;

  return field.kind === 'secret' ? '*'.repeat(value.length) : value;
}
