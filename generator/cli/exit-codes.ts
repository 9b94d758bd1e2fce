/** Exit codes of the command-line tool, as documented in the README. */
export const EXIT_OK = 0;
/** The input (spec, files on disk, options' values) has problems; the messages say which. */
export const EXIT_BAD_INPUT = 1;
/** The command line itself is wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/** A fault of the tool itself; the message asks for a report. */
export const EXIT_INTERNAL = 3;

/** An error whose message is meant for the user as it is: no stack trace, exit code 1. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The command line itself is wrong; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What a yargs failure is: its own findings about the command line (it gives no error, or its
 * parser's YError, such as "Not enough arguments following: payload") are usage errors; an error a
 * command handler threw stays what it is.
 */
export function usageFailure(message: string | null | undefined, error: Error | undefined): Error {
  if (error === undefined || error.name === 'YError') return new UsageError(message ?? error?.message ?? 'Invalid command line.');
  return error;
}
