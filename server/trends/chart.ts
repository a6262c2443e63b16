import * as echarts from 'echarts';

/**
 * Charts as SVG text, drawn server-side with Apache ECharts (server-side rendering needs no DOM:
 * `ssr: true` and renderToSVGString). Chosen because one library draws for reports (inline SVG,
 * no script in the page) and for the explorer (the same SVG), is maintained by Apache, and lays
 * out axes, legends and many-quarter labels without our code.
 */
export interface ChartSeries {
  name: string;
  values: number[];
}

const PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280', '#4a5568'];

export function lineChartSvg(title: string, quarters: string[], series: ChartSeries[], size = { width: 720, height: 320 }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 'bold' } },
      legend: { top: 26, left: 8, textStyle: { fontSize: 11 } },
      grid: { left: 40, right: 16, top: 64, bottom: 48 },
      xAxis: { type: 'category', data: quarters, axisLabel: { fontSize: 10, rotate: quarters.length > 12 ? 45 : 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: series.map((s) => ({ name: s.name, type: 'line', data: s.values, symbolSize: 5 })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
