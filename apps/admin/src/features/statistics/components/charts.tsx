import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '../../../lib/format';
import type { ChartLine } from '../lib/chart-rows';

export const PALETTE = ['#1fa06c', '#1d5fa8', '#c58a00', '#8e44ad', '#c2372d', '#0f3d32', '#5d6b66'];

const shortDay = (day: string) => {
  const [, m, d] = day.split('-');
  return `${Number(d)}/${Number(m)}`;
};

/** A daily series as bars (stacked by group) or lines. */
export function TimeChart({
  rows,
  lines,
  kind,
}: {
  rows: Record<string, string | number>[];
  lines: ChartLine[];
  kind: 'bar' | 'line';
}) {
  const axis = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8e5" />
      <XAxis dataKey="date" tickFormatter={shortDay} minTickGap={18} tick={{ fontSize: 12 }} />
      <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
      <Tooltip formatter={(value) => formatNumber(Number(value))} />
      {lines.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
    </>
  );
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height={240}>
        {kind === 'bar' ? (
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            {axis}
            {lines.map((l, i) => (
              <Bar
                key={l.dataKey}
                dataKey={l.dataKey}
                name={l.label}
                stackId="stack"
                fill={PALETTE[i % PALETTE.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            {axis}
            {lines.map((l, i) => (
              <Line
                key={l.dataKey}
                dataKey={l.dataKey}
                name={l.label}
                stroke={PALETTE[i % PALETTE.length]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** Parts of a whole as a donut, with the numbers written out beside it. */
export function SplitChart({ parts }: { parts: { label: string; value: number }[] }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  return (
    <div className="split-chart">
      <div className="split-donut" aria-hidden="true">
        <ResponsiveContainer width="100%" height={150}>
          <PieChart>
            <Pie
              data={total ? parts : [{ label: 'none', value: 1 }]}
              dataKey="value"
              nameKey="label"
              innerRadius={42}
              outerRadius={66}
              paddingAngle={total ? 2 : 0}
              isAnimationActive={false}
            >
              {(total ? parts : [{ label: 'none', value: 1 }]).map((p, i) => (
                <Cell key={p.label} fill={total ? PALETTE[i % PALETTE.length] : '#e2e8e5'} />
              ))}
            </Pie>
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="split-legend">
        {parts.map((p, i) => (
          <li key={p.label}>
            <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
            <span className="split-label">{p.label}</span>
            <strong>{formatNumber(p.value)}</strong>
            <span className="muted">{total ? `${Math.round((p.value / total) * 100)}%` : '—'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
