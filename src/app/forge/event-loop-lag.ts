/**
 * How long the page's main thread was blocked while something ran: a timer asks to fire every
 * `periodMs`; the worst lateness is the longest the page could not respond to input. Measured,
 * to show that the forge really runs off the page.
 */
export function watchEventLoopLag(periodMs = 50): { stop(): { maxLagMs: number; ticks: number } } {
  let expected = performance.now() + periodMs;
  let maxLagMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - expected);
    expected = now + periodMs;
    ticks++;
  }, periodMs);
  return {
    stop() {
      clearInterval(timer);
      // the time since the last tick counts too: a block right before stop() is still a block
      maxLagMs = Math.max(maxLagMs, performance.now() - expected);
      return { maxLagMs, ticks };
    },
  };
}
