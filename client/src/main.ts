import { Canvas } from './canvas.js';
import { mountAccount } from './account.js';
import { mountCanvasControls } from './canvasControls.js';
import { mountConsole } from './console.js';
import { Bus, type Ctx } from './context.js';
import { mountDetails } from './details.js';
import { mountCuration } from './curation.js';
import { byId } from './dom.js';
import { mountKeyboard } from './keyboard.js';
import { mountLegend } from './legend.js';
import { mountOverview } from './overview.js';
import { mountPanels } from './panels.js';
import { mountPaths } from './paths.js';
import { mountSearch } from './search.js';
import { mountShare } from './share.js';
import { ViewState } from './state.js';
import { mountViews } from './views.js';
import { mountStatus } from './status.js';
import { mountTimeline } from './timeline.js';
import './styles.css';

// The explorer, assembled: each module owns one concern and its state.
const state = new ViewState();
const bus = new Bus();
const canvas = new Canvas(byId('cy'), state, bus);
const { status, busy } = mountStatus();
const ctx: Ctx = { cy: canvas.cy, state, bus, status, busy, range: () => canvas.range };

mountPanels();
mountAccount();
mountLegend();
const controls = mountCanvasControls(ctx, canvas);
const details = mountDetails(ctx, canvas, {
  expand: (id, types) => void controls.expand(id, types ? { types } : {}),
  setPathEnd: (end, id) => paths.setEnd(end, id),
  nodeTools: (d) => curation.nodeTools(d),
  edgeTools: (id, data) => curation.edgeTools(id, data),
});
const curation = mountCuration(ctx, canvas, { showNode: (id) => void details.showNode(id), reset: details.reset, show: details.show });
const paths = mountPaths(ctx, canvas, details);
const search = mountSearch(ctx, canvas, details.focusNode);
mountTimeline(ctx, canvas);
const cypherConsole = mountConsole(ctx, canvas, details.focusNode);
const views = mountViews(ctx, canvas, { paths, details, query: cypherConsole });
const share = mountShare(ctx, canvas, cypherConsole, views);
mountOverview(ctx, canvas, (id) => search.add(id));
mountKeyboard(canvas, {
  focusSearch: search.focus,
  focusNode: details.focusNode,
  expand: (id) => void controls.expand(id),
  remove: controls.remove,
  undo: controls.undo,
});

// A handle for the end-to-end test and for analysts poking at the console.
(window as unknown as { policyGraph: unknown }).policyGraph = {
  cy: canvas.cy,
  state,
  canvas,
  get view() {
    return {
      range: canvas.range,
      hidden: canvas.hiddenCount,
      layout: canvas.layoutName,
      layoutRuns: canvas.layoutRuns,
      groups: canvas.groups.map((g) => g.title),
    };
  },
  labelOverlap: () => canvas.labelOverlap(),
  views,
};

void share.restore();
