// Catches a rendering crash so that the terminal is restored and the caller gets the error,
// instead of Ink printing a stack trace over the screen.
import { Component, type ReactNode } from 'react';

export interface CrashGuardProps {
  onCrash: (error: unknown) => void;
  children: ReactNode;
}

export class CrashGuard extends Component<CrashGuardProps, { hasCrashed: boolean }> {
  override state = { hasCrashed: false };

  static getDerivedStateFromError(): { hasCrashed: boolean } {
    return { hasCrashed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onCrash(error);
  }

  override render(): ReactNode {
    return this.state.hasCrashed ? null : this.props.children;
  }
}
