/**
 * Bounds on what the format readers accept, declared once. A MERICS brief is 5-15 pages and a
 * few hundred KB as a PDF; a saved page with its inline scripts and styles is under 2 MB. Anything
 * far beyond is another document (or an attack) and is refused before any parsing.
 */
export const FORMAT_LIMITS = Object.freeze({
  /** Largest PDF read. */
  pdfBytes: 30 * 1024 * 1024,
  /** Pages of a PDF read at most; a brief has about 10. */
  pdfPages: 200,
  /** Largest saved web page read (HTML with inline scripts and styles). */
  htmlBytes: 10 * 1024 * 1024,
  /** DOM elements Readability may walk; a news site's article page has a few thousand. */
  htmlElements: 100_000,
  /** Elements nested in one another; a news site's page nests 20 to 60 deep. */
  htmlDepth: 500,
  /**
   * Bytes a PDF's compressed streams may inflate to, all together; a brief's fonts and pages come
   * to a few MB. Deflate packs 1 GB of one byte into 1 MB (issue 32: a 3 MB PDF took 6.9 GB).
   */
  pdfInflatedBytes: 100 * 1024 * 1024,
});
export type FormatLimits = { readonly [K in keyof typeof FORMAT_LIMITS]: number };

export const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
