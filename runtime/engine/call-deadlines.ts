import type { CallSignal } from './service-sdk.js';

/**
 * The deadline of each call (ApiCallTimeoutSeconds, or the spec's default bound): an abort signal,
 * in the form the AWS SDK takes (`{ aborted, onabort }`: its HTTP handler sets `onabort` on each
 * attempt and reads `aborted`), that fires when the call's time is up.
 *
 * Every call has a deadline, and almost none is reached. One watchdog timer serves all of them: it
 * is set for the earliest deadline and moved only when a call with an earlier one starts, so a call
 * costs a set entry, not a timer of the event loop (measured, a timer and an AbortController per call
 * were 2 % of an Invoke against a local endpoint). The watchdog keeps the process alive only while
 * calls are pending, as their own timers did.
 */
export class CallDeadline implements CallSignal {
  aborted = false;
  onabort: (() => void) | null = null;
  /** Whether the deadline was reached (and the call aborted for it). */
  fired = false;
  /** Its neighbours among the pending deadlines, while it is one of them. */
  previous: CallDeadline | undefined = undefined;
  next: CallDeadline | undefined = undefined;
  pending = false;

  constructor(readonly at: number) {}

  fire(): void {
    if (this.aborted) return;
    this.fired = true;
    this.aborted = true;
    this.onabort?.();
  }
}

/**
 * The pending deadlines, in a list linked through the deadlines themselves: adding and removing one
 * costs a few assignments, where a Set would first give each new deadline an identity hash.
 */
let first: CallDeadline | undefined;
let pendingCount = 0;
let watchdog: NodeJS.Timeout | undefined;
/** When the watchdog fires; Infinity when it is not set. */
let watchdogAt = Number.POSITIVE_INFINITY;

function add(deadline: CallDeadline): void {
  deadline.next = first;
  if (first) first.previous = deadline;
  first = deadline;
  deadline.pending = true;
  pendingCount++;
}

function remove(deadline: CallDeadline): void {
  if (!deadline.pending) return;
  if (deadline.previous) deadline.previous.next = deadline.next;
  else first = deadline.next;
  if (deadline.next) deadline.next.previous = deadline.previous;
  deadline.previous = deadline.next = undefined;
  deadline.pending = false;
  pendingCount--;
}

function setWatchdog(at: number): void {
  if (watchdog !== undefined) clearTimeout(watchdog);
  watchdogAt = at;
  watchdog = setTimeout(expire, Math.max(0, at - performance.now()));
}

/** Aborts every call whose deadline has come, and sets the watchdog for the next one. */
function expire(): void {
  watchdog = undefined;
  watchdogAt = Number.POSITIVE_INFINITY;
  const now = performance.now();
  const due: CallDeadline[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (let deadline = first; deadline !== undefined; deadline = deadline.next) {
    if (deadline.at <= now) due.push(deadline);
    else next = Math.min(next, deadline.at);
  }
  // Fired once the list has been read: an abort may start or end other calls.
  for (const deadline of due) {
    remove(deadline);
    deadline.fire();
  }
  if (next < watchdogAt) setWatchdog(next);
}

/** Starts the deadline of a call that may take `timeoutMs` milliseconds. */
export function startDeadline(timeoutMs: number): CallDeadline {
  const deadline = new CallDeadline(performance.now() + timeoutMs);
  if (pendingCount === 0) watchdog?.ref();
  add(deadline);
  if (deadline.at < watchdogAt) setWatchdog(deadline.at);
  return deadline;
}

/** Ends the deadline of a call that finished (or failed) before it. */
export function endDeadline(deadline: CallDeadline): void {
  remove(deadline);
  if (pendingCount === 0) watchdog?.unref();
}
