/**
 * Text from outside (file names, messages that quote them, warnings that quote a brief) made safe
 * for one line of terminal output: control characters, DEL, C1 controls, line and paragraph
 * separators and bidirectional overrides are written as escapes (`\n`, `\x1b`, `\u202e`). A file
 * named "x\nok      fake.txt" printed a line of its own that read as a success (issue 32), and
 * an ANSI escape in a name can rewrite what the terminal shows.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => ESCAPES[c] ?? escapeCode(c.charCodeAt(0)));
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeCode = (code: number) => (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
