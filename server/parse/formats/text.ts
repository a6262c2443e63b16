import type { SourceText } from './schema.js';

/**
 * Plain text and Markdown as they are: the parser reads them line by line. Invalid UTF-8 becomes
 * U+FFFD, which the parser counts to tell a binary file from a text with a stray byte.
 */
export function readText(bytes: Uint8Array): SourceText {
  return { format: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), notes: [] };
}
