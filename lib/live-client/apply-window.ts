/**
 * When live changes are taken into the reader: the first change after a
 * quiet window at once (a single edit paints in the frame it arrives), and
 * whatever arrives within the window after an apply together at its end.
 * A burst — a replay after a large import, another editor's bulk change —
 * arrives as thousands of messages; a render per message, back to back on a
 * busy machine, exhausted React's nested-update limit. This renders at most
 * twice per window.
 */
export class ApplyWindow {
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `apply` takes in everything queued so far and says whether anything was left to apply. */
  constructor(
    private readonly apply: () => boolean,
    private readonly windowMs: number,
  ) {}

  /** Something was queued. */
  notify(): void {
    if (this.timer) return;
    this.apply();
    this.timer = setTimeout(this.close, this.windowMs);
  }

  private readonly close = () => {
    this.timer = null;
    // What came during the window; applying it opens another window.
    if (this.apply()) this.timer = setTimeout(this.close, this.windowMs);
  };

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
