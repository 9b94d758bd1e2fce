/**
 * The one error type of the package (.mpk) layer. Readers throw it for input that is not what they
 * expect (not a zip, no project.mpr, a damaged unit), so that callers can show its message to a
 * user instead of a stack trace.
 */
export class MpkFormatError extends Error {
  override readonly name = 'MpkFormatError';

  constructor(message: string) {
    super(message);
  }
}
