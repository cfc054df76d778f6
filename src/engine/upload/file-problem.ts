// A problem with a file as a whole: it stops the upload, which is marked `failed` with this
// message. Row problems are not thrown: they become failure rows (see row-failure.ts).
import { AdminError, EXIT } from '../errors.js';

export class FileProblem extends AdminError {
  constructor(
    code: string,
    reason: string,
    /** 1-based line the problem was found at. */
    readonly line: number,
    hint?: string,
  ) {
    super(code, reason, EXIT.usage, hint);
    this.name = 'FileProblem';
  }

  /** The message kept in the upload's status: reason, then what to do. */
  get statusMessage(): string {
    return this.hint
      ? `${this.code}: ${this.message}; ${this.hint}`
      : `${this.code}: ${this.message}`;
  }
}
