/**
 * The pre-join check of the connection: the browser's own estimate (Network Information API, where it
 * exists) and the round trip of three tiny requests to Sabaq. Slow → sound only is suggested (and
 * switched on for a participant, who can switch it off).
 */
export interface ConnectionCheck {
  rttMs: number | null;
  downlinkMbps: number | null;
  slow: boolean;
}

interface NetworkInformation {
  effectiveType?: string;
  downlink?: number;
  saveData?: boolean;
}

export async function checkConnection(timeoutMs = 3000): Promise<ConnectionCheck> {
  const info = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  const times: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 3 && Date.now() < deadline; i++) {
    const t0 = performance.now();
    try {
      await fetch(`/api/live/status?probe=${Date.now()}-${i}`, {
        cache: 'no-store',
        credentials: 'same-origin',
        signal: AbortSignal.timeout(Math.max(200, deadline - Date.now())),
      });
      times.push(performance.now() - t0);
    } catch {
      break;
    }
  }
  const rttMs = times.length ? Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!) : null;
  const downlinkMbps = typeof info?.downlink === 'number' ? info.downlink : null;
  const slow =
    rttMs === null ||
    rttMs > 600 ||
    info?.saveData === true ||
    (info?.effectiveType !== undefined && ['slow-2g', '2g'].includes(info.effectiveType)) ||
    (downlinkMbps !== null && downlinkMbps < 0.4);
  return { rttMs, downlinkMbps, slow };
}
