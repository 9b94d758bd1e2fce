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

  constructor(readonly at: number) {}

  fire(): void {
    if (this.aborted) return;
    this.fired = true;
    this.aborted = true;
    this.onabort?.();
  }
}

const pending = new Set<CallDeadline>();
let watchdog: NodeJS.Timeout | undefined;
/** When the watchdog fires; Infinity when it is not set. */
let watchdogAt = Number.POSITIVE_INFINITY;

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
  let next = Number.POSITIVE_INFINITY;
  for (const deadline of pending) {
    if (deadline.at <= now) {
      pending.delete(deadline);
      deadline.fire();
    } else next = Math.min(next, deadline.at);
  }
  if (next !== Number.POSITIVE_INFINITY) setWatchdog(next);
}

/** Starts the deadline of a call that may take `timeoutMs` milliseconds. */
export function startDeadline(timeoutMs: number): CallDeadline {
  const deadline = new CallDeadline(performance.now() + timeoutMs);
  if (pending.size === 0) watchdog?.ref();
  pending.add(deadline);
  if (deadline.at < watchdogAt) setWatchdog(deadline.at);
  return deadline;
}

/** Ends the deadline of a call that finished (or failed) before it. */
export function endDeadline(deadline: CallDeadline): void {
  pending.delete(deadline);
  if (pending.size === 0) watchdog?.unref();
}
