/** The machine a result came from, as the browser reports it (cores, browser name and version). */

interface Brand {
  brand: string;
  version: string;
}

/**
 * "Chrome 131", "Edge 131", "Firefox 133", "Safari 18.1": from User-Agent Client Hints where the
 * browser has them (skipping GREASE brands and the generic Chromium), else from the user agent.
 */
export function browserName(brands: readonly Brand[] | undefined, ua: string): string {
  const real = (brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  const pick = real.find((b) => b.brand !== 'Chromium') ?? real[0];
  if (pick) return `${pick.brand.replace(/^Google |^Microsoft /, '')} ${pick.version}`;
  const m =
    /Edg\/(\d+)/.exec(ua) ??
    /Firefox\/(\d+)/.exec(ua) ??
    /Chrome\/(\d+)/.exec(ua) ??
    /Version\/([\d.]+).*Safari/.exec(ua);
  if (!m) return 'an unknown browser';
  const name = m[0].startsWith('Edg')
    ? 'Edge'
    : m[0].startsWith('Firefox')
      ? 'Firefox'
      : m[0].startsWith('Chrome')
        ? 'Chrome'
        : 'Safari';
  return `${name} ${m[1]}`;
}

export function thisMachine(): { cores: number | null; browser: string } {
  const nav = navigator as Navigator & { userAgentData?: { brands?: Brand[] } };
  return {
    cores: nav.hardwareConcurrency || null,
    browser: browserName(nav.userAgentData?.brands, nav.userAgent),
  };
}

/** "x86 64-bit", "arm 64-bit": from the client hints' architecture and bitness; null when unknown. */
export function archName(arch: unknown, bitness: unknown): string | null {
  if (typeof arch !== 'string' || !/^[a-z0-9_-]{1,12}$/i.test(arch)) return null;
  return typeof bitness === 'string' && /^\d{2}$/.test(bitness) ? `${arch} ${bitness}-bit` : arch;
}

/**
 * The processor's architecture, which decides what a litmus test can show (x86 against ARM), where
 * the browser tells it: Chromium-based browsers do, as a high-entropy client hint; others do not.
 */
export async function thisArchitecture(): Promise<string | null> {
  const data = (
    navigator as Navigator & {
      userAgentData?: { getHighEntropyValues?(hints: string[]): Promise<Record<string, unknown>> };
    }
  ).userAgentData;
  try {
    const v = await data?.getHighEntropyValues?.(['architecture', 'bitness']);
    return v ? archName(v.architecture, v.bitness) : null;
  } catch {
    return null;
  }
}
