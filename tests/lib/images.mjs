// Small images built by hand for upload tests, so that no binary fixture is needed.
import { crc32, deflateSync } from 'node:zlib';

// A PNG of w × h (8-bit RGB). `pixel(x, y)` gives [r, g, b]; a solid blue by default.
export function png(w, h, pixel = () => [40, 120, 200]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const raw = Buffer.alloc((w * 3 + 1) * h); // each row: filter byte 0, then the pixels
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(pixel(x, y), y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// A PNG that looks like a site photo from afar: sky above, earth below, a crane-yellow block.
export function sitePhoto(w = 320, h = 240) {
  return png(w, h, (x, y) => {
    if (x > w * 0.55 && x < w * 0.7 && y > h * 0.25 && y < h * 0.7) return [235, 180, 40];
    if (y < h * 0.55) return [120 + Math.round((60 * y) / h), 170 + Math.round((40 * y) / h), 225];
    return [150 - Math.round((40 * (y - h * 0.55)) / h), 110, 70];
  });
}
