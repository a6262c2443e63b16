// pdf.js ships no types for its worker module; it is only loaded for its side effect's export.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
