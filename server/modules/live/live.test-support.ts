/**
 * Starts a real Janus for tests (server tests and e2e journeys): a minimal configuration in a temp
 * directory — the HTTP transport on free ports (API and Admin API), the VideoRoom plugin only, an
 * api_secret, token_auth with an admin_secret, a VideoRoom admin_key — as the Debian package lays
 * its configuration out in /etc/janus. `null` when the janus binary is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestJanus {
  env: Record<string, string>;
  url: string;
  stop(): Promise<void>;
}

const LIB = ['/usr/lib/x86_64-linux-gnu/janus', '/usr/lib/aarch64-linux-gnu/janus', '/usr/lib/janus'].find((d) => existsSync(path.join(d, 'plugins')));

export function janusBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v janus'], { encoding: 'utf8' });
  return found.status === 0 && LIB ? found.stdout.trim() : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startJanus(): Promise<TestJanus | null> {
  const bin = janusBinary();
  if (!bin || !LIB) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sabaq-janus-'));
  const [port, adminPort] = [await freePort(), await freePort()];
  const rtpBase = 20_000 + Math.floor(Math.random() * 400) * 100;
  const secrets = { api: 'test-api-secret', admin: 'test-admin-secret', room: 'test-room-admin-key' };
  const disabledPlugins = ['audiobridge', 'duktape', 'echotest', 'lua', 'nosip', 'recordplay', 'sip', 'streaming', 'textroom', 'videocall', 'voicemail']
    .map((p) => `libjanus_${p}.so`)
    .join(',');
  writeFileSync(
    path.join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${LIB}/plugins"
  transports_folder = "${LIB}/transports"
  events_folder = "${LIB}/events"
  loggers_folder = "${LIB}/loggers"
  debug_level = 3
  api_secret = "${secrets.api}"
  admin_secret = "${secrets.admin}"
  token_auth = true
  session_timeout = 60
}
plugins: { disable = "${disabledPlugins}" }
transports: { disable = "libjanus_websockets.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so" }
events: { broadcast = false }
loggers: { disable = "libjanus_jsonlog.so" }
media: { rtp_port_range = "${rtpBase}-${rtpBase + 99}" }
nat: { nice_debug = false ignore_mdns = true }
`,
  );
  writeFileSync(
    path.join(dir, 'janus.transport.http.jcfg'),
    `general: { base_path = "/janus" http = true port = ${port} https = false ip = "127.0.0.1" }
admin: { admin_base_path = "/admin" admin_http = true admin_port = ${adminPort} admin_https = false admin_ip = "127.0.0.1" }
cors: { }
`,
  );
  writeFileSync(path.join(dir, 'janus.plugin.videoroom.jcfg'), `general: { admin_key = "${secrets.room}" }\n`);
  const child: ChildProcess = spawn(bin, ['-C', path.join(dir, 'janus.jcfg'), '-F', dir, '-o'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d) => {
    log = (log + String(d)).slice(-8000);
  });
  child.stderr?.on('data', (d) => {
    log = (log + String(d)).slice(-8000);
  });
  const url = `http://127.0.0.1:${port}/janus`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 4000);
      await gone;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/info`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`janus did not start: ${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    env: {
      JANUS_URL: url,
      JANUS_API_SECRET: secrets.api,
      JANUS_ADMIN_URL: `http://127.0.0.1:${adminPort}/admin`,
      JANUS_ADMIN_SECRET: secrets.admin,
      JANUS_ROOM_ADMIN_KEY: secrets.room,
    },
    stop,
  };
}
