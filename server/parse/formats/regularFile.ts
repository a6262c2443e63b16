import fs from 'node:fs';
import path from 'node:path';
import { BriefError } from '../schema.js';
import { megabytes } from './limits.js';

/**
 * A brief file's bytes, read only if it is a regular file of at most `cap` bytes. A FIFO in an
 * import folder blocked the run for ever, and a link to /dev/zero grew it to 4.1 GB (issue 32):
 * FIFOs, devices and sockets are refused unopened, and so is a symbolic link that leads out of
 * the folder the file was listed from. The file is opened without following a link and without
 * blocking, and its type and size are checked again on the open descriptor (fstat), so a file
 * swapped between the check and the open is refused too; then exactly its size is read.
 */
export function readRegularFile(file: string, cap: number): Buffer {
  const name = path.basename(file);
  const refuse = (why: string) => new BriefError(name, undefined, why);
  const entry = fs.lstatSync(file);
  let target = file;
  if (entry.isSymbolicLink()) {
    target = fs.realpathSync(file);
    const tree = fs.realpathSync(path.dirname(file));
    const inside = path.relative(tree, target);
    if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
      throw refuse(`is a link to ${target}, outside the folder it is imported from; copy the brief into the folder instead.`);
  }
  const kind = kindOf(target === file ? entry : fs.statSync(target));
  if (kind) throw refuse(`is ${kind}, not a regular file; only brief files are read.`);
  const fd = fs.openSync(target, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  try {
    const stat = fs.fstatSync(fd);
    const swapped = kindOf(stat);
    if (swapped) throw refuse(`is ${swapped}, not a regular file; only brief files are read.`);
    if (stat.size > cap) throw refuse(`file is ${megabytes(stat.size)}; no brief format is larger than ${megabytes(cap)}. Is this the right file?`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}
