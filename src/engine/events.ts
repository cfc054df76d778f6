// Typed events the engine emits for the live screen and the metrics.
import { EventEmitter } from 'node:events';
import type { AuditEntry, CodeDecision, UploadProgress, UploadSummary } from './types.js';

export interface CodeEvent {
  at: number;
  actor: string;
  upn: string | null;
  serial: string | null;
  decision: CodeDecision;
}

export interface EngineEventMap {
  uploadProgress: [UploadProgress];
  uploadFinished: [UploadSummary];
  activation: [CodeEvent];
  verification: [CodeEvent];
  audit: [AuditEntry];
}

export type EngineEvents = EventEmitter<EngineEventMap>;

export function createEngineEvents(): EngineEvents {
  const events = new EventEmitter<EngineEventMap>();
  // The TUI, the metrics and the control socket subscribers each listen; none is a leak.
  events.setMaxListeners(100);
  return events;
}
