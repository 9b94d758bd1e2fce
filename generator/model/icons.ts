import { deflateSync } from 'node:zlib';
import { crc32 } from '../mpk/zip.js';

/**
 * The toolbox icons of the activities: a white lambda on an orange rounded square, drawn here and
 * encoded as PNG, so the package carries real images with no binary files in the repository.
 * Drawing is plain arithmetic and the encoder fixes every option, so the bytes are the same on every
 * machine.
 */

type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [0xed, 0x71, 0x00, 0xff];
const FOREGROUND: Rgba = [0xff, 0xff, 0xff, 0xff];

/** The lambda as line segments in a unit square (x right, y down). */
const STROKES: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.3, 0.2, 0.42, 0.2],
  [0.42, 0.2, 0.72, 0.8],
  [0.72, 0.8, 0.78, 0.8],
  [0.53, 0.43, 0.28, 0.8],
];
const STROKE_WIDTH = 0.11;
const CORNER_RADIUS = 0.18;
const SAMPLES = 4;

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: readonly [number, number, number, number]): number {
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

/** RGBA pixels of the icon at `size` x `size`, anti-aliased by supersampling. */
export function drawLambdaIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let background = 0;
      let foreground = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = (x + (sx + 0.5) / SAMPLES) / size;
          const py = (y + (sy + 0.5) / SAMPLES) / size;
          if (!insideRoundedSquare(px, py)) continue;
          if (STROKES.some((s) => distanceToSegment(px, py, s) <= STROKE_WIDTH / 2)) foreground++;
          else background++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const alpha = (background + foreground) / total;
      const offset = (y * size + x) * 4;
      if (alpha === 0) continue;
      const share = foreground / (background + foreground);
      for (let c = 0; c < 3; c++) {
        pixels[offset + c] = Math.round((BACKGROUND[c] as number) * (1 - share) + (FOREGROUND[c] as number) * share);
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
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

export function lambdaIconPng(size: number): Buffer {
  return encodePng(size, drawLambdaIcon(size));
}
