/**
 * Where the person's pass is kept on the device, and its wiping at sign-out. Apart from store.ts so
 * the sign-out (in the file every page needs) carries only this, not the gate's offline store.
 */
export const PASS_KEY_PREFIX = 'sabaq.access.pass.';

type Keys = Pick<Storage, 'key' | 'length' | 'removeItem'>;
const storage = (): Keys | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/**
 * Sign-out: every pass kept on this device goes (a shared phone keeps no one's pass). The gate's
 * trust, gates and scan log stay: they are the phone's, and scans not yet uploaded must not be lost.
 */
export function forgetPasses(kv: Keys | null = storage()): void {
  try {
    if (!kv) return;
    const keys: string[] = [];
    for (let i = 0; i < kv.length; i++) {
      const k = kv.key(i);
      if (k?.startsWith(PASS_KEY_PREFIX)) keys.push(k);
    }
    for (const k of keys) kv.removeItem(k);
  } catch {
    // storage off: nothing was kept
  }
}
