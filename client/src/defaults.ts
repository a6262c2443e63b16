/**
 * Every tunable number of the explorer, documented once. Modules read these; handlers hold no
 * inline numbers.
 */
export const DEFAULTS = Object.freeze({
  labels: Object.freeze({
    /** Characters of a canvas label before it is clipped at a word boundary. */
    maxChars: 30,
    /** Label font size in model pixels (rendered size scales with zoom). */
    fontSize: 12,
    /** Labels rendered smaller than this many screen pixels are not drawn (zoomed-out views). */
    minZoomedFontSize: 6,
    /** Wrap width of a label in model pixels; long labels take two lines. */
    wrapWidth: 130,
  }),
  canvas: Object.freeze({
    minZoom: 0.1,
    maxZoom: 3,
    /** "Fit" never zooms in past this: a three-node graph at 3x is all labels. */
    maxFitZoom: 1.5,
    /** Padding around the graph when fitting, in screen pixels. */
    fitPadding: 40,
    /** Animated moves below this many nodes; instant beyond. */
    animateBelow: 400,
    animationMs: 350,
  }),
  placement: Object.freeze({
    /** Free space kept around every node's label box when placing new nodes, model pixels. */
    gap: 10,
    /** Distance between rings of candidate positions around the parent. */
    ringStep: 46,
    /** Rings tried before giving up and taking the least-crowded spot. */
    maxRings: 40,
    /** Overlap removal after a layout: passes over all label boxes. */
    separationPasses: 400,
  }),
  layouts: Object.freeze({
    /** fcose spring length and repulsion for this graph's mostly star-shaped neighbourhoods. */
    idealEdgeLength: 45,
    nodeRepulsion: 3000,
    /** Hierarchical and time layouts: distance between rows, and the widest row before it wraps. */
    rowGap: 110,
    /** Model pixels of row width per square root of the node count (rows wrap beyond it). */
    rowWidthPerSqrtNode: 150,
    /** Concentric layout: distance between rings. */
    ringGap: 70,
    /** Time layout: model pixels per month. */
    monthWidth: 45,
    /**
     * Time layout: a stretch of empty months is drawn at most this long. Briefs cluster in a few
     * periods; drawn to scale, the gaps made the graph too wide to read once fitted.
     */
    maxGapMonths: 3,
    /** Time layout: vertical distance between items of the same month and band. */
    stackStep: 34,
  }),
  expand: Object.freeze({
    /** Neighbours fetched per expansion (and per "show more" page). */
    pageSize: 150,
    /** More new neighbours of one type than this arrive as one group node. */
    groupThreshold: 12,
  }),
  status: Object.freeze({
    /** Info messages disappear after this; errors after the longer time or the next action. */
    infoMs: 4000,
    errorMs: 10000,
  }),
  search: Object.freeze({ debounceMs: 150, limit: 12 }),
  /** Timeline playback: time on each month. */
  timeline: Object.freeze({ playMs: 900 }),
  /** PNG export: default scale (the form offers 2× and 3×) and the least width, so the legend fits. */
  export: Object.freeze({ pngScale: 2, minPngWidth: 640 }),
  paths: Object.freeze({ maxLength: 5, candidates: 25, shown: 5 }),
});
