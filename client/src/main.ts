import { Canvas } from './canvas.js';
import { mountAccount } from './account.js';
import { mountCanvasControls } from './canvasControls.js';
import { mountConsole } from './console.js';
import { Bus, type Ctx } from './context.js';
import { mountDetails } from './details.js';
import { mountDuplicates } from './duplicates.js';
import { api } from './api.js';
import { mountCuration } from './curation.js';
import { byId } from './dom.js';
import { mountKeyboard } from './keyboard.js';
import { mountLegend } from './legend.js';
import { mountOverview } from './overview.js';
import { mountPanels } from './panels.js';
import { mountPaths } from './paths.js';
import { mountPatternBuilder } from './patternBuilder.js';
import { mountSearch } from './search.js';
import { mountShare } from './share.js';
import { ViewState } from './state.js';
import { mountViews } from './views.js';
import { mountStatus } from './status.js';
import { mountStylePanel } from './stylePanel.js';
import { mountTimeline } from './timeline.js';
import { mountSinceImport } from './sinceImport.js';
import { mountWatch } from './watch.js';
import { mountCompare } from './compare.js';
import { trendTool } from './trends.js';
import { h } from './dom.js';
import './styles.css';
import './follow.css';

// The explorer, assembled: each module owns one concern and its state.
const state = new ViewState();
const bus = new Bus();
const canvas = new Canvas(byId('cy'), state, bus);
const { status, busy } = mountStatus();
const ctx: Ctx = { cy: canvas.cy, state, bus, status, busy, range: () => canvas.range, rules: () => style.current() };

mountPanels();
mountAccount();
mountLegend(bus);
const style = mountStylePanel(ctx, canvas);
const controls = mountCanvasControls(ctx, canvas);
const details = mountDetails(ctx, canvas, {
  expand: (id, types) => void controls.expand(id, types ? { types } : {}),
  setPathEnd: (end, id) => paths.setEnd(end, id),
  nodeTools: (d) => h('div', {}, curation.nodeTools(d), watch.nodeTool(d), trendTool(d)),
  edgeTools: (id, data) => curation.edgeTools(id, data),
});
const curation = mountCuration(ctx, canvas, { showNode: (id) => void details.showNode(id), reset: details.reset, show: details.show });
const paths = mountPaths(ctx, canvas, details);
mountDuplicates(ctx, canvas, details, {
  merged: async (keep, drop) => {
    canvas.remove([drop]);
    if (canvas.state.nodeIds.length) {
      const out = await api.elements(canvas.state.nodeIds);
      canvas.merge(out.elements);
    }
    void keep;
  },
});
const search = mountSearch(ctx, canvas, details.focusNode);
mountTimeline(ctx, canvas);
const cypherConsole = mountConsole(ctx, canvas, details.focusNode);
mountPatternBuilder(ctx, cypherConsole);
const views = mountViews(ctx, canvas, { paths, details, query: cypherConsole, style });
const share = mountShare(ctx, canvas, cypherConsole, views);
mountOverview(ctx, canvas, (id) => search.add(id));
mountSinceImport(ctx, canvas, (id) => search.add(id));
const watch = mountWatch((id) => search.add(id));
mountCompare(ctx, (id) => search.add(id));
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
  style,
};

void share.restore();
