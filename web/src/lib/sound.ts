/** A short two-tone beep through WebAudio (no file, no network); silent where audio is not allowed. */
let ctx: AudioContext | null = null;

export function beep(): void {
  try {
    ctx ??= new AudioContext();
    const t = ctx.currentTime;
    for (const [i, hz] of [880, 660].entries()) {
      const osc = ctx.createOscillator(),
        gain = ctx.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, t + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.3, t + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t + i * 0.18);
      osc.stop(t + i * 0.18 + 0.17);
    }
    (window as unknown as { __radiatorBeeps?: number }).__radiatorBeeps =
      ((window as unknown as { __radiatorBeeps?: number }).__radiatorBeeps ?? 0) + 1;
  } catch {
    // no audio on this screen
  }
}
