// Imported first by stdio.ts: on stdio, stdout carries the protocol and nothing else, so whatever
// any module logs with console.log or console.info goes to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;
