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
