import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { buildPass, prepareTrust, toBase64Url, verifyPass, type PassClaims, type TrustJwk } from '../contracts/access-pass.js';

/**
 * pass-verify: the gate scanner's offline check, the very code the browser runs
 * (`contracts/access-pass.ts`: base45 → zlib → COSE_Sign1 → ES256 over WebCrypto → claims), on one
 * core, against a trust list of 139 universities with a rotated key each (278 keys) and a revocation
 * list of 10,000 holders. Prints verifications per second, CPU per verification and peak memory;
 * then issues a pass for every university student of the `country` dataset (> 0.5 million, SEED-FACTS)
 * and prints the time, CPU per pass and peak memory. Options: `--verifications N`, `--students N`.
 */
export async function run(argv: string[]): Promise<void> {
  const opt = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const verifications = opt('--verifications', 50_000);
  const students = opt('--students', 550_000);
  const now = new Date('2021-09-01T08:00:00Z');
  const iat = Math.floor(now.getTime() / 1000) - 600;

  // 139 universities, each with a current and a retired key in the trust list
  const keys: TrustJwk[] = [];
  const signers: { kid: Uint8Array; org: number; sign: (b: Uint8Array) => Uint8Array }[] = [];
  for (let org = 1; org <= 139; org++) {
    for (let k = 0; k < 2; k++) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
      const kid = new Uint8Array(randomBytes(8));
      keys.push({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: toBase64Url(kid), alg: 'ES256', use: 'sig', organisationId: org });
      if (k === 0) signers.push({ kid, org, sign: (b) => sign('sha256', b, { key: privateKey, dsaEncoding: 'ieee-p1363' }) });
    }
  }
  const revoked = Array.from({ length: 10_000 }, () => toBase64Url(randomBytes(12)));
  const t0 = process.hrtime.bigint();
  const trust = await prepareTrust({ keys }, { keys: [], holders: revoked });
  const prepMs = Number(process.hrtime.bigint() - t0) / 1e6;

  // a queue of 2,000 distinct passes at a gate: most admitted, some refused for each reason a gate meets
  const claims = (i: number, o: Partial<PassClaims> = {}): PassClaims => ({
    iss: `sabaq:org:${signers[i % signers.length]!.org}`,
    iat,
    exp: iat + 24 * 3600,
    cti: randomBytes(8).toString('hex'),
    holder: toBase64Url(randomBytes(12)),
    organisationId: signers[i % signers.length]!.org,
    status: 'admitted',
    name: `Студент ${i}`,
    ...o,
  });
  const passes: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const s = signers[i % signers.length]!;
    const o: Partial<PassClaims> = i % 20 === 1 ? { status: 'not_admitted' } : i % 20 === 2 ? { exp: iat + 60 } : i % 20 === 3 ? { holder: revoked[i]! } : {};
    passes.push(await buildPass(claims(i, o), s.kid, s.sign));
  }
  const length = passes.reduce((n, p) => n + p.length, 0) / passes.length;

  const cpu0 = process.cpuUsage();
  const v0 = process.hrtime.bigint();
  let admitted = 0;
  for (let i = 0; i < verifications; i++) {
    const out = await verifyPass(passes[i % passes.length]!, trust, { now });
    if (out.admit) admitted++;
  }
  const vMs = Number(process.hrtime.bigint() - v0) / 1e6;
  const vCpu = process.cpuUsage(cpu0);
  const rssAfterVerify = process.resourceUsage().maxRSS / 1024;
  console.log(
    `pass-verify: ${verifications.toLocaleString('en')} offline verifications of ${passes.length.toLocaleString('en')} passes (mean ${length.toFixed(0)} characters), trust list ${keys.length} keys, ${revoked.length.toLocaleString('en')} revoked holders`,
  );
  console.log(
    `  trust list import ${prepMs.toFixed(0)} ms; ${(verifications / (vMs / 1000)).toFixed(0)} verifications/s on one core (wall clock); CPU ${((vCpu.user + vCpu.system) / verifications).toFixed(0)} µs per verification = ${(verifications / ((vCpu.user + vCpu.system) / 1e6)).toFixed(0)} per CPU-second; admitted ${((100 * admitted) / verifications).toFixed(0)} %; peak RSS ${rssAfterVerify.toFixed(0)} MB`,
  );

  // issuance for every university student of the country dataset (streamed: passes are counted, not kept)
  const cpu1 = process.cpuUsage();
  const i0 = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < students; i++) {
    const s = signers[i % signers.length]!;
    bytes += (await buildPass(claims(i), s.kid, s.sign)).length;
  }
  const iMs = Number(process.hrtime.bigint() - i0) / 1e6;
  const iCpu = process.cpuUsage(cpu1);
  console.log(
    `  issuance: ${students.toLocaleString('en')} passes in ${(iMs / 1000).toFixed(1)} s (${(students / (iMs / 1000)).toFixed(0)}/s), CPU ${((iCpu.user + iCpu.system) / students).toFixed(0)} µs per pass, ${(bytes / 1e6).toFixed(0)} MB of pass text; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}
