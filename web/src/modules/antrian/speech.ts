import { basePath } from '../../core/base';
import { callClips, callPhrase } from './terbilang';

declare global {
  interface Window {
    /** Every phrase the display has spoken (for the browser journeys). */
    __antrianSpoken?: string[];
  }
}

const SOUND_KEY = 'simpul.antrian.sound';

export function soundRemembered(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === '1';
  } catch {
    return false;
  }
}

type Ctx = AudioContext;
let ctx: Ctx | null = null;

function audioContext(): Ctx | null {
  if (ctx) return ctx;
  const C =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!C) return null;
  ctx = new C();
  return ctx;
}

/** Whether the browser lets the page make sound now (a user gesture unlocked it). */
export function soundReady(): boolean {
  return audioContext()?.state === 'running';
}

/** Unlocks audio from a user gesture (the "Aktifkan suara" button) and remembers the choice. */
export async function unlockSound(): Promise<boolean> {
  try {
    localStorage.setItem(SOUND_KEY, '1');
  } catch {
    /* ignore */
  }
  const c = audioContext();
  try {
    await c?.resume();
  } catch {
    /* still locked */
  }
  // Speech needs its own first utterance inside the gesture on some browsers.
  if ('speechSynthesis' in window) {
    const u = new SpeechSynthesisUtterance(' ');
    u.volume = 0;
    window.speechSynthesis.speak(u);
  }
  return soundReady();
}

/** Tries to resume audio without a gesture (a remembered TV; works where autoplay is allowed). */
export function tryResume(): void {
  void audioContext()
    ?.resume()
    .catch(() => undefined);
}

const sleep = (ms: number) => new Promise<void>((r) => window.setTimeout(r, ms));

/** Two soft tones (ding-dong), no sound file needed. */
async function chime(): Promise<void> {
  const c = audioContext();
  if (c?.state !== 'running') return;
  const at = c.currentTime + 0.05;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = at + i * 0.45;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.35, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.8);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + 0.85);
  }
  await sleep(1400);
}

function indonesianVoice(): SpeechSynthesisVoice | null {
  if (!('speechSynthesis' in window)) return null;
  const voices = window.speechSynthesis.getVoices();
  return (
    voices.find((v) => v.lang.toLowerCase().replace('_', '-') === 'id-id') ??
    voices.find((v) => v.lang.toLowerCase().startsWith('id')) ??
    null
  );
}

function speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'id-ID';
    u.voice = voice;
    u.rate = 0.9;
    // Some engines never fire `end`: give up waiting after a generous time.
    const guard = window.setTimeout(resolve, 2500 + text.length * 120);
    u.onend = u.onerror = () => {
      window.clearTimeout(guard);
      resolve();
    };
    window.speechSynthesis.speak(u);
  });
}

const clipCache = new Map<string, Promise<AudioBuffer | null>>();

function clip(name: string): Promise<AudioBuffer | null> {
  let p = clipCache.get(name);
  if (!p) {
    const c = audioContext();
    p = c
      ? fetch(`${basePath}/antrian/voice/${name}.ogg`)
          .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(String(r.status)))))
          .then((b) => c.decodeAudioData(b))
          .catch(() => {
            clipCache.delete(name);
            return null;
          })
      : Promise.resolve(null);
    clipCache.set(name, p);
  }
  return p;
}

/** The recorded words one after another (espeak clips carry some silence; overlap a little). */
async function playClips(names: string[]): Promise<void> {
  const c = audioContext();
  if (c?.state !== 'running') return;
  const buffers = await Promise.all(names.map(clip));
  let at = c.currentTime + 0.05;
  for (const b of buffers) {
    if (!b) continue;
    const src = c.createBufferSource();
    src.buffer = b;
    src.connect(c.destination);
    src.start(at);
    at += Math.max(0.15, b.duration - 0.12);
  }
  await sleep((at - c.currentTime) * 1000 + 200);
}

export interface Call {
  number: string;
  counterNumber: number;
}

/**
 * Calls are said one at a time, in order (FIFO): a chime, then the phrase in an Indonesian voice,
 * or recorded clips where the device has none. Each phrase also goes to `window.__antrianSpoken`.
 */
export function createAnnouncer() {
  const queue: Call[] = [];
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const call = queue.shift()!;
      const phrase = callPhrase(call.number, call.counterNumber);
      window.__antrianSpoken ??= [];
      window.__antrianSpoken.push(phrase);
      try {
        await chime();
        const voice = indonesianVoice();
        if (voice) await speak(phrase, voice);
        else await playClips(callClips(call.number, call.counterNumber));
      } catch {
        /* a sound failure never stops the queue */
      }
      await sleep(400);
    }
    busy = false;
  };
  return {
    say(call: Call) {
      queue.push(call);
      void run();
    },
    /** Warm the clip cache so the first call is not late. */
    preload() {
      if (!indonesianVoice()) for (const n of ['nomor-antrean', 'silakan-ke', 'loket']) void clip(n);
    },
  };
}
