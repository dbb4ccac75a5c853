// 导出图片 / 导出数据 for one dashboard chart. The image carries the chart's title (the
// card heading is not part of the canvas), on white, at twice the screen resolution so it
// prints sharply in a report; the data goes out as the same rows the table view shows.
import type { EChartsType } from 'echarts/core';
import { saveBlob } from '@/api/download';
import { fmtPercent } from '@/modules/common/format';
import { XLSX_MIME, xlsxBytes } from '@/modules/common/xlsx-lite';
import type { Datum } from './ChartCard';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_').slice(0, 80);

export function exportChartImage(chart: EChartsType, title: string): void {
  const ratio = 2;
  const src = chart.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#fff' });
  const img = new Image();
  img.onload = () => {
    const head = 48 * ratio;
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height + head;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#262626';
    g.font = `600 ${16 * ratio}px "PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif`;
    g.textBaseline = 'middle';
    g.fillText(title, 16 * ratio, head / 2, canvas.width - 32 * ratio);
    g.drawImage(img, 0, head);
    canvas.toBlob((blob) => blob && saveBlob(blob, `${safeName(title)}.png`), 'image/png');
  };
  img.src = src;
}

export function exportChartData(title: string, data: Datum[], header: [string, string, string]): void {
  const total = data.reduce((s, d) => s + d.count, 0);
  const rows = [header, ...data.map((d) => [d.label, d.count, fmtPercent(d.count, total)])];
  saveBlob(new Blob([xlsxBytes(title, rows)], { type: XLSX_MIME }), `${safeName(title)}.xlsx`);
}
