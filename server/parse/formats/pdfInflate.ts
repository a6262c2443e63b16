import zlib from 'node:zlib';

/**
 * What a PDF's streams inflate to, counted before pdf.js reads any of them. pdf.js inflates a
 * stream whole into one growing buffer and has no option to stop it: a 3 MB file of one
 * FlateDecode stream took the importer to 6.9 GB (issue 32). Every stream that starts with a zlib
 * header is inflated here, at most `cap` bytes in all, and so is what it inflates to when that is
 * zlib again (a FlateDecode chain). Streams that fail to inflate are left to pdf.js, which reports
 * the damage; encodings read through other filters first (ASCII85, LZW) are bounded by the
 * reader's memory limit instead (server/import/briefReader.ts).
 */
export function inflatedSize(pdf: Uint8Array, cap: number): { bytes: number } | { over: number; at: number } {
  const data = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let bytes = 0;
  for (let at = data.indexOf('stream'); at >= 0; at = data.indexOf('stream', at + 6)) {
    if (at >= 3 && data.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (data[start] === 0x0d) start++;
    if (data[start] === 0x0a) start++;
    const end = data.indexOf('endstream', start);
    let layer: Buffer = data.subarray(start, end < 0 ? data.length : end);
    // A chain of FlateDecode filters: each layer is inflated in turn, all counted.
    for (let depth = 0; depth < 8 && isZlib(layer); depth++) {
      try {
        layer = zlib.inflateSync(layer, { maxOutputLength: Math.max(1, cap - bytes), finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { over: cap, at: start };
        break;
      }
      bytes += layer.length;
    }
    if (end > at) at = end;
  }
  return { bytes };
}

/** A zlib header as pdf.js's FlateStream requires it: deflate, a valid check, no preset dictionary. */
function isZlib(b: Buffer): boolean {
  return b.length > 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0 && (b[1]! & 0x20) === 0;
}
