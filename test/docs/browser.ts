/**
 * Drives Debian's headless Chromium (no extra npm package): `--dump-dom` with a check script
 * injected into a copy of the page, and `--screenshot` for the picture. Network is cut off with a
 * host resolver rule, so a page that needed the network would show it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** Where the test looks for Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

function baseArgs(profile: string): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
  ];
}

function run(binary: string, args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'docs-chromium-'));
  try {
    const result = spawnSync(binary, [...baseArgs(profile), ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited with ${String(result.status)}: ${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Loads `html` (written to a temp file) and returns the DOM after scripts ran. */
export function dumpDom(binary: string, html: string, windowSize = '1280,900'): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-page-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, html);
    return run(binary, [`--window-size=${windowSize}`, '--virtual-time-budget=5000', '--dump-dom', `file://${file}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Screenshot of a file (`name` decides how Chromium reads it: .svg, .html), as a PNG. */
export function screenshot(binary: string, content: string, name: string, width: number, height: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'docs-shot-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, content);
    const png = join(dir, 'shot.png');
    run(binary, [`--window-size=${width},${height}`, '--hide-scrollbars', `--screenshot=${png}`, `file://${file}`]);
    return readFileSync(png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  pixels: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes). */
export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9] ?? 0;
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG (depth ${String(depth)}, color type ${colorType})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const current = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (current[i - channels] as number) : 0;
      const b = previous[i] as number;
      const c = i >= channels ? (previous[i - channels] as number) : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[i] = ((line[i] as number) + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 4; k++) out[(y * width + x) * 4 + k] = k < channels ? (current[x * channels + k] as number) : 255;
    }
    previous = current;
  }
  return { width, height, pixels: out };
}
