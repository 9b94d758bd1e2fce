import { deflateSync } from 'node:zlib';
import { crc32 } from '../mpk/zip.js';

/**
 * The toolbox icons of the activities when the spec brings none (`module.toolboxIcon`): the first
 * letter of the service's name, white on a rounded square whose colour is derived from that name,
 * drawn here and encoded as PNG. Drawing is plain arithmetic and the encoder fixes every option, so
 * the bytes are the same on every machine.
 */

type Rgba = [number, number, number, number];
type Segment = readonly [number, number, number, number];

const FOREGROUND: Rgba = [0xff, 0xff, 0xff, 0xff];
const STROKE_WIDTH = 0.1;
const CORNER_RADIUS = 0.18;
const SAMPLES = 4;

/**
 * A stroke font for letters and digits: polylines on a grid 4 wide and 6 high, drawn in the middle
 * of the icon. Each glyph is written as polylines separated by `|`, each a list of `x,y` points.
 */
const O = '1,0 3,0 4,1 4,5 3,6 1,6 0,5 0,1 1,0';
const P = '0,6 0,0 3,0 4,1 4,2 3,3 0,3';
const GLYPHS: Record<string, string> = {
  A: '0,6 2,0 4,6|1,3.5 3,3.5',
  B: '0,0 0,6 3,6 4,5 4,4 3,3 0,3|0,0 3,0 4,1 4,2 3,3',
  C: '4,0 1,0 0,1 0,5 1,6 4,6',
  D: '0,0 0,6 3,6 4,5 4,1 3,0 0,0',
  E: '4,0 0,0 0,6 4,6|0,3 3,3',
  F: '4,0 0,0 0,6|0,3 3,3',
  G: '4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,3 2,3',
  H: '0,0 0,6|4,0 4,6|0,3 4,3',
  I: '1,0 3,0|2,0 2,6|1,6 3,6',
  J: '4,0 4,5 3,6 1,6 0,5',
  K: '0,0 0,6|4,0 0,3.5|1.2,2.8 4,6',
  L: '0,0 0,6 4,6',
  M: '0,6 0,0 2,3 4,0 4,6',
  N: '0,6 0,0 4,6 4,0',
  O,
  P,
  Q: `${O}|2.5,4.5 4,6`,
  R: `${P}|2,3 4,6`,
  S: '4,1 3,0 1,0 0,1 0,2 1,3 3,3 4,4 4,5 3,6 1,6 0,5',
  T: '0,0 4,0|2,0 2,6',
  U: '0,0 0,5 1,6 3,6 4,5 4,0',
  V: '0,0 2,6 4,0',
  W: '0,0 1,6 2,2 3,6 4,0',
  X: '0,0 4,6|4,0 0,6',
  Y: '0,0 2,3 4,0|2,3 2,6',
  Z: '0,0 4,0 0,6 4,6',
  '0': `${O}|4,1 0,5`,
  '1': '1,1 2,0 2,6|1,6 3,6',
  '2': '0,1 1,0 3,0 4,1 4,2 0,6 4,6',
  '3': '0,0 4,0 2,2.5 3,2.5 4,3.5 4,5 3,6 1,6 0,5',
  '4': '3,6 3,0 0,4 4,4',
  '5': '4,0 0,0 0,3 3,3 4,4 4,5 3,6 0,6',
  '6': '3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,4 3,3 0,3',
  '7': '0,0 4,0 1,6',
  '8': '1,3 0,2 0,1 1,0 3,0 4,1 4,2 3,3 1,3 0,4 0,5 1,6 3,6 4,5 4,4 3,3',
  '9': '4,3 1,3 0,2 0,1 1,0 3,0 4,1 4,5 3,6 1,6',
};

/** The glyph's polylines as segments in the unit square (x right, y down), centred. */
function glyphSegments(character: string): Segment[] {
  const at = (point: string): [number, number] => {
    const [x = 0, y = 0] = point.split(',').map(Number);
    return [0.32 + x * 0.09, 0.23 + y * 0.09];
  };
  return (GLYPHS[character] ?? O).split('|').flatMap((line) => {
    const points = line.split(' ').map(at);
    return points.slice(1).map((end, i): Segment => [...(points[i] ?? end), ...end]);
  });
}

/** A colour of its own for each name: the hue from a hash of the name, saturation and lightness fixed. */
function colourOf(name: string): Rgba {
  let hash = 0x811c9dc5;
  for (const ch of name.toLowerCase()) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  const hue = hash % 360;
  const s = 0.6;
  const l = 0.4;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [channel(0), channel(8), channel(4), 0xff];
}

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  const cx = x1 + t * dx - px;
  const cy = y1 + t * dy - py;
  return Math.sqrt(cx * cx + cy * cy);
}

function insideRoundedSquare(px: number, py: number): boolean {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(px, r), 1 - r);
  const cy = Math.min(Math.max(py, r), 1 - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** RGBA pixels of a glyph on a rounded square at `size` x `size`, anti-aliased by supersampling. */
function drawIcon(size: number, background: Rgba, strokes: readonly Segment[]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let behind = 0;
      let front = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = (x + (sx + 0.5) / SAMPLES) / size;
          const py = (y + (sy + 0.5) / SAMPLES) / size;
          if (!insideRoundedSquare(px, py)) continue;
          if (strokes.some((s) => distanceToSegment(px, py, s) <= STROKE_WIDTH / 2)) front++;
          else behind++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const alpha = (behind + front) / total;
      const offset = (y * size + x) * 4;
      if (alpha === 0) continue;
      const share = front / (behind + front);
      for (let c = 0; c < 3; c++) {
        pixels[offset + c] = Math.round((background[c] as number) * (1 - share) + (FOREGROUND[c] as number) * share);
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

/** The default toolbox icon of a service at `size` pixels: its name's first letter or digit on its colour. */
export function defaultIconPng(serviceName: string, size: number): Buffer {
  const initial = (/[A-Za-z0-9]/.exec(serviceName)?.[0] ?? 'O').toUpperCase();
  return encodePng(size, drawIcon(size, colourOf(serviceName), glyphSegments(initial)));
}

/** Width and height of a PNG from its IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || signature.some((b, i) => buf[i] !== b) || buf.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const body = Buffer.concat([head.subarray(4), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering, fixed deflate level, no time stamps). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', new Uint8Array())]);
}
