import type { GatewayChannel } from '@jaring/contracts';

/** The enabled channels in their order, then the others in the gateway's own order. */
export function orderedChannels(
  available: readonly GatewayChannel[],
  enabled: readonly string[],
): GatewayChannel[] {
  const byCode = new Map(available.map((channel) => [channel.code, channel]));
  const on = enabled.flatMap((code) => {
    const channel = byCode.get(code);
    return channel ? [channel] : [];
  });
  const off = available.filter((channel) => !enabled.includes(channel.code));
  return [...on, ...off];
}

/** Turns a channel on (last in the order) or off. */
export function toggleChannel(enabled: readonly string[], code: string): string[] {
  return enabled.includes(code) ? enabled.filter((c) => c !== code) : [...enabled, code];
}

/** Moves an enabled channel one place up (-1) or down (+1); unchanged at either end. */
export function moveChannel(enabled: readonly string[], code: string, delta: -1 | 1): string[] {
  const from = enabled.indexOf(code);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= enabled.length) return [...enabled];
  const next = [...enabled];
  [next[from], next[to]] = [next[to] as string, next[from] as string];
  return next;
}
