/**
 * `setTimeout` for a timer that must never keep the process alive (a watch's next refresh, a
 * cache read's time limit): unref'd on Node, Bun and Deno (whose timers are objects with
 * `unref` since Deno 2). Browsers and Workers have no such notion; there it is `setTimeout`.
 */
export function unrefTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
