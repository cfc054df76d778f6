// The Uploads screen: the list of uploads, the failures of one, and the upload in progress.
import type { UploadFailure, UploadProgress, UploadSummary } from '../../engine/types.js';
import { emptyList, listReducer, type ListAction, type ListState } from './list-reducer.js';

export type UploadsView =
  { kind: 'list' } | { kind: 'failures'; upload: UploadSummary; failures: UploadFailure[] | null };

export interface UploadsState {
  uploads: UploadSummary[];
  list: ListState;
  view: UploadsView;
  failureList: ListState;
  /** The upload being processed, polled for its progress bar. */
  progress: UploadProgress | null;
}

export type UploadsAction =
  | { type: 'loaded'; uploads: UploadSummary[] }
  | { type: 'list'; action: ListAction }
  | { type: 'openFailures'; upload: UploadSummary }
  | { type: 'failuresLoaded'; id: string; failures: UploadFailure[] }
  | { type: 'closeFailures' }
  | { type: 'progress'; progress: UploadProgress | null };

export const initialUploads: UploadsState = {
  uploads: [],
  list: emptyList,
  view: { kind: 'list' },
  failureList: emptyList,
  progress: null,
};

export function uploadsReducer(state: UploadsState, action: UploadsAction): UploadsState {
  switch (action.type) {
    case 'loaded': {
      // Newest first, as the admin most often wants the upload just made.
      const uploads = [...action.uploads].sort((a, b) => b.createdAt - a.createdAt);
      const list = listReducer(state.list, { type: 'setTotal', total: uploads.length });

      return { ...state, uploads, list };
    }
    case 'list':
      if (action.action.type === 'setHeight') {
        const list = listReducer(state.list, action.action);
        return { ...state, list, failureList: listReducer(state.failureList, action.action) };
      }

      return state.view.kind === 'failures'
        ? { ...state, failureList: listReducer(state.failureList, action.action) }
        : { ...state, list: listReducer(state.list, action.action) };
    case 'openFailures':
      return {
        ...state,
        view: { kind: 'failures', upload: action.upload, failures: null },
        failureList: listReducer({ ...state.failureList, total: 0 }, { type: 'reset' }),
      };
    case 'failuresLoaded': {
      if (state.view.kind !== 'failures' || state.view.upload.id !== action.id) return state;

      const total = action.failures.length;
      return {
        ...state,
        view: { ...state.view, failures: action.failures },
        failureList: listReducer(state.failureList, { type: 'setTotal', total }),
      };
    }
    case 'closeFailures':
      return { ...state, view: { kind: 'list' } };
    case 'progress':
      return { ...state, progress: action.progress };
  }
}

export function selectedUpload(state: UploadsState): UploadSummary | null {
  return state.uploads[state.list.cursor] ?? null;
}
