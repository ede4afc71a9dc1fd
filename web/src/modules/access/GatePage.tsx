import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as QrScannerModule from 'qr-scanner';
import type { Me } from '../identity/api.js';
import { useTitle } from '../../ui/useTitle.js';
import { fetchGuardSetup, fetchRevocations, fetchTrustList, uploadScans, type Gate } from './api.js';
import { ageOf } from './format.js';
import { checkAtGate, type GateCheck } from './offline.js';
import {
  loadGates,
  loadLog,
  loadThresholds,
  loadTrust,
  saveGates,
  saveLog,
  saveThresholds,
  saveTrust,
  type FeverThresholds,
  type LoggedScan,
  type TrustCache,
} from './store.js';
import { DEFAULT_FEVER_THRESHOLD_C } from '../../../../contracts/access-pass.js';
import { HolderPhoto, TemperatureField, typedTemperature } from './GateExtras.js';
import { syncPhotos } from './photos.js';
import './access.css';
import { FileInput } from '../../ui/controls.js';

const SYNC_MS = 5 * 60_000;
/** The same code seen again by the camera within this time is the same scan. */
const SAME_SCAN_MS = 4000;

/** qr-scanner's types are read as CommonJS under NodeNext; the bundle gives the ES module's default export. */
type ScannerClass = typeof QrScannerModule.default.default;
async function loadScanner(): Promise<ScannerClass> {
  const m = (await import('qr-scanner')) as unknown as { default: ScannerClass | { default: ScannerClass } };
  return 'default' in m.default ? m.default.default : m.default;
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The guard's scanner: the phone's camera (qr-scanner), a photo or a pasted code, each verified on
 * the phone against the cached trust and revocation lists, so the gate keeps working offline. The
 * answer is minimal: admit or not, the holder's name and the reason. Each check is logged on the
 * phone and uploaded whenever there is a connection.
 */
export function GatePage({ me }: { me: Me }) {
  const { t } = useTranslation('access');
  useTitle(t('gate.title'));
  const personId = me.person.id;
  const id = useId();
  // fetch the scanner and its decoding worker while the phone is online, so the service worker keeps
  // them: a guard who loses the connection can still check a photo of a code
  useEffect(() => {
    void loadScanner()
      .then((Scanner) => Scanner.createQrEngine())
      .then((engine) => {
        if (typeof Worker !== 'undefined' && engine instanceof Worker) engine.terminate();
      })
      .catch(() => {
        /* offline already: the camera path reports its own error */
      });
  }, []);
  const [trust, setTrust] = useState<TrustCache | null>(() => loadTrust());
  const [gates, setGates] = useState<Gate[]>(() => loadGates(personId) ?? []);
  const [gateId, setGateId] = useState<number>(() => gates[0]?.id ?? 0);
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const logRef = useRef<LoggedScan[]>(loadLog(personId));
  const [pending, setPending] = useState(() => logRef.current.filter((s) => !s.uploaded).length);
  const [result, setResult] = useState<GateCheck | null>(null);
  const [syncFailed, setSyncFailed] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const [typed, setTyped] = useState('');
  const [thresholds, setThresholds] = useState<FeverThresholds>(() => loadThresholds(personId) ?? []);
  const [temperature, setTemperature] = useState('');
  const [temperatureWrong, setTemperatureWrong] = useState(false);
  const [photos, setPhotos] = useState<number | null>(null);
  const thresholdOf = useCallback(
    (organisationId: number) => thresholds.find((x) => x.organisationId === organisationId)?.feverThresholdC ?? DEFAULT_FEVER_THRESHOLD_C,
    [thresholds],
  );

  const storeLog = useCallback(
    (log: LoggedScan[]) => {
      logRef.current = saveLog(personId, log);
      setPending(logRef.current.filter((s) => !s.uploaded).length);
    },
    [personId],
  );

  const upload = useCallback(async () => {
    const waiting = logRef.current.filter((s) => !s.uploaded);
    if (waiting.length === 0) return;
    try {
      for (let i = 0; i < waiting.length; i += 1000) {
        const chunk = waiting.slice(i, i + 1000);
        await uploadScans(chunk.map(({ uploaded: _u, ...s }) => s));
        const sent = new Set(chunk.map((s) => s.clientId));
        storeLog(logRef.current.map((s) => (sent.has(s.clientId) ? { ...s, uploaded: true } : s)));
      }
    } catch {
      // offline or refused: kept on the phone, tried again at the next sync
    }
  }, [storeLog]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      const [setup, trustList, revocations] = await Promise.all([fetchGuardSetup(), fetchTrustList(), fetchRevocations()]);
      const cache: TrustCache = { trustList, revocations, fetchedAt: new Date().toISOString() };
      saveTrust(cache);
      setTrust(cache);
      saveGates(personId, setup.gates);
      setGates(setup.gates);
      setGateId((current) => (setup.gates.some((g) => g.id === current) ? current : (setup.gates[0]?.id ?? 0)));
      saveThresholds(personId, setup.feverThresholds);
      setThresholds(setup.feverThresholds);
      setSyncFailed(false);
      // the holders' photos: fetched while online, kept on the phone for offline checks
      void syncPhotos().then(setPhotos, () => {
        /* offline or not a guard: photos come at the next sync */
      });
    } catch {
      setSyncFailed(true);
    } finally {
      setSyncing(false);
      setNow(new Date());
    }
    await upload();
  }, [personId, upload]);

  useEffect(() => {
    void sync();
    const timer = setInterval(() => void sync(), SYNC_MS);
    const tick = setInterval(() => setNow(new Date()), 30_000);
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
      window.removeEventListener('online', online);
    };
  }, [sync]);

  const check = useCallback(
    async (text: string) => {
      if (!trust) return;
      const organisations = [...new Set(gates.map((g) => g.organisationId))];
      const at = new Date();
      const temperatureC = typedTemperature(temperature);
      // a typing slip (385, 3,85) is said, and nothing is checked: admitting without the measured temperature would skip the fever check
      if (Number.isNaN(temperatureC)) {
        setTemperatureWrong(true);
        setResult(null);
        return;
      }
      setTemperatureWrong(false);
      const r = await checkAtGate(text, trust, { now: at, organisations, gateId, direction, log: logRef.current, temperatureC, feverThreshold: thresholdOf });
      setResult(r);
      setTemperature('');
      if (gateId > 0) {
        storeLog([
          ...logRef.current,
          {
            clientId: uuid(),
            gateId,
            direction,
            result: r.admit ? 'admitted' : 'refused',
            reason: r.reason,
            holder: r.holder && r.holder.length <= 64 ? r.holder : null,
            replay: r.replay,
            scannedAt: at.toISOString(),
            uploaded: false,
            // a reading is kept only when it refused entry (the health officer hears of it); never otherwise
            ...(r.reason === 'fever' && temperatureC !== null ? { temperatureC } : {}),
          },
        ]);
        void upload();
      }
    },
    [trust, gates, gateId, direction, storeLog, upload, temperature, thresholdOf],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typed.trim()) return;
    void check(typed);
    // the code stays for a second try when the temperature was a slip
    if (Number.isNaN(typedTemperature(temperature))) return;
    setTyped('');
  };

  const age = trust ? ageOf(trust.fetchedAt, now) : null;
  return (
    <div className="access-gate">
      <h1>{t('gate.title')}</h1>
      <div className="access-trust" role="status">
        <p>
          {!age
            ? t('gate.trustNone')
            : age.unit === 'now'
              ? t('gate.trustNow')
              : age.unit === 'minutes'
                ? t('gate.trustMinutes', { count: age.count })
                : age.unit === 'hours'
                  ? t('gate.trustHours', { count: age.count })
                  : t('gate.trustDays', { count: age.count })}
        </p>
        {age?.unit === 'days' && <p className="notice notice--error">{t('gate.trustOld')}</p>}
        {syncFailed && <p className="muted">{t('gate.syncFailed')}</p>}
        <p className="muted">{pending > 0 ? t('gate.pending', { count: pending }) : t('gate.uploaded')}</p>
        {photos !== null && <p className="muted">{t('more.photosCached', { n: photos })}</p>}
        <button type="button" className="button button--secondary" onClick={() => void sync()} disabled={syncing}>
          {t('gate.sync')}
        </button>
      </div>

      {gates.length === 0 && trust && <p className="notice">{t('gate.noGates')}</p>}
      {gates.length > 0 && (
        <div className="access-gate__setup">
          <div className="field">
            <label htmlFor={`${id}-gate`}>{t('gate.gate')}</label>
            <select id={`${id}-gate`} value={gateId} onChange={(e) => setGateId(Number(e.target.value))}>
              {gates.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.buildingName} — {g.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="access-direction">
            <legend>{t('gate.direction')}</legend>
            {(['in', 'out'] as const).map((d) => (
              <label key={d}>
                <input type="radio" name={`${id}-dir`} value={d} checked={direction === d} onChange={() => setDirection(d)} /> {t(`gate.${d}`)}
              </label>
            ))}
          </fieldset>
          <TemperatureField
            value={temperature}
            onChange={(v) => {
              setTemperature(v);
              setTemperatureWrong(false);
            }}
            wrong={temperatureWrong}
            threshold={thresholdOf(gates.find((g) => g.id === gateId)?.organisationId ?? 0)}
          />
        </div>
      )}

      {result && <ResultPanel result={result} />}

      {trust && (
        <>
          <Camera onCode={(text) => void check(text)} />
          <PhotoScan onStart={() => setResult(null)} onCode={(text) => void check(text)} />
          <form className="form access-paste" onSubmit={submit}>
            <div className="field">
              <label htmlFor={`${id}-paste`}>{t('gate.paste')}</label>
              <textarea id={`${id}-paste`} rows={3} value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoCapitalize="characters" />
            </div>
            <button type="submit" className="button">
              {t('gate.check')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

function ResultPanel({ result }: { result: GateCheck }) {
  const { t } = useTranslation('access');
  const kind = !result.admit ? 'no' : result.replay ? 'replay' : 'ok';
  return (
    <section className={`access-result access-result--${kind}`} role="status" aria-live="assertive" data-testid="gate-result">
      <p className="access-result__verdict">{result.admit ? t('gate.admitted') : t('gate.refused')}</p>
      {result.name && <p className="access-result__name">{result.name}</p>}
      {result.admit && <HolderPhoto holder={result.holder} hash={result.photo} name={result.name} />}
      {result.reason && <p className="access-result__reason">{t(`gate.reasons.${result.reason}`)}</p>}
      {result.replay && <p className="access-result__reason">{t('gate.replay')}</p>}
      {result.admit && <p>{t('gate.compare')}</p>}
    </section>
  );
}

/** The camera, started on request (it asks for permission); a code seen again within seconds counts once. */
function Camera({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation('access');
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<InstanceType<ScannerClass> | null>(null);
  const last = useRef<{ text: string; at: number } | null>(null);
  const handler = useRef(onCode);
  handler.current = onCode;
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(
    () => () => {
      scanner.current?.destroy();
      scanner.current = null;
    },
    [],
  );

  const start = async () => {
    setFailed(false);
    try {
      const Scanner = await loadScanner();
      scanner.current ??= new Scanner(
        video.current!,
        (res) => {
          const at = Date.now();
          if (last.current && last.current.text === res.data && at - last.current.at < SAME_SCAN_MS) return;
          last.current = { text: res.data, at };
          handler.current(res.data);
        },
        { returnDetailedScanResult: true, preferredCamera: 'environment', maxScansPerSecond: 5 },
      );
      await scanner.current.start();
      setOn(true);
    } catch {
      setFailed(true);
      setOn(false);
    }
  };
  const stop = () => {
    scanner.current?.stop();
    setOn(false);
  };
  return (
    <div className="access-camera">
      <video ref={video} className="access-camera__video" hidden={!on} muted playsInline aria-label={t('gate.video')} />
      {on ? (
        <button type="button" className="button button--secondary" onClick={stop}>
          {t('gate.stopCamera')}
        </button>
      ) : (
        <button type="button" className="button access-camera__start" onClick={() => void start()}>
          {t('gate.camera')}
        </button>
      )}
      {failed && (
        <p className="notice notice--error" role="alert">
          {t('gate.cameraFailed')}
        </p>
      )}
    </div>
  );
}

/** A photo of the code (the phone's camera app, or a saved screenshot), decoded on the phone. */
function PhotoScan({ onStart, onCode }: { onStart: () => void; onCode: (text: string) => void }) {
  const { t } = useTranslation('access');
  const id = useId();
  const [failed, setFailed] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    // the last verdict belongs to someone else: never leave it on screen while this photo decodes
    onStart();
    setFailed(false);
    try {
      const Scanner = await loadScanner();
      const res = await Scanner.scanImage(file, { returnDetailedScanResult: true, alsoTryWithoutScanRegion: true });
      onCode(res.data);
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="field access-photo">
      <label htmlFor={id}>{t('gate.photo')}</label>
      <FileInput id={id} accept="image/*" capture="environment" showChosen={false} resetAfterChoice onFiles={(files) => void pick(files[0])} />
      {failed && (
        <p className="notice notice--error" role="alert">
          {t('gate.photoFailed')}
        </p>
      )}
    </div>
  );
}
