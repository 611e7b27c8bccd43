import type { TopologyMap } from '@jaring/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../components/alert';
import { cx } from '../../components/cx';
import { EmptyState } from '../../components/page';

type Point = TopologyMap['points'][number];

const DEFAULT_WIDTH = 1000;
const PAD = 40;

/** The drawing's height for a width: landscape on a desktop, near square on a phone. */
export function mapHeight(width: number): number {
  return Math.round(Math.min(640, Math.max(320, width * 0.64)));
}

export interface Projection {
  x: (longitude: number) => number;
  y: (latitude: number) => number;
  /** Grid lines in degrees, chosen so there are a handful across the box. */
  lonLines: number[];
  latLines: number[];
}

function niceStep(span: number): number {
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const nice = scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10;
  return nice * power;
}

function lines(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-12; v += step) {
    out.push(Number(v.toFixed(6)));
  }
  return out;
}

/**
 * An equirectangular projection of the points' bounding box onto the SVG, with longitude scaled
 * by cos(latitude) so distances look right near the equator (all of Indonesia).
 */
export function project(
  points: readonly Pick<Point, 'latitude' | 'longitude'>[],
  WIDTH = DEFAULT_WIDTH,
  HEIGHT = mapHeight(DEFAULT_WIDTH),
): Projection {
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  let minLat = Math.min(...lats);
  let maxLat = Math.max(...lats);
  let minLon = Math.min(...lons);
  let maxLon = Math.max(...lons);
  // A single point (or a line of them) still gets a box of about 1 km.
  const least = 0.01;
  if (maxLat - minLat < least) {
    const mid = (maxLat + minLat) / 2;
    minLat = mid - least / 2;
    maxLat = mid + least / 2;
  }
  if (maxLon - minLon < least) {
    const mid = (maxLon + minLon) / 2;
    minLon = mid - least / 2;
    maxLon = mid + least / 2;
  }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * cos;
  const spanY = maxLat - minLat;
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  const x = (lon: number): number => offsetX + (lon - minLon) * cos * scale;
  const y = (lat: number): number => offsetY + (maxLat - lat) * scale;
  const visibleLon = (WIDTH / scale / cos) * 0.5;
  const visibleLat = (HEIGHT / scale) * 0.5;
  const centerLon = (minLon + maxLon) / 2;
  const centerLat = (minLat + maxLat) / 2;
  const step = niceStep(Math.max(visibleLat, visibleLon * cos) * 2);
  return {
    x,
    y,
    lonLines: lines(centerLon - visibleLon, centerLon + visibleLon, step),
    latLines: lines(centerLat - visibleLat, centerLat + visibleLat, step),
  };
}

const CUSTOMER_FILL: Record<string, string> = {
  active: 'fill-emerald-500',
  isolated: 'fill-amber-500',
  suspended: 'fill-red-500',
};

function Marker({ point, x, y }: { point: Point; x: number; y: number }): React.JSX.Element {
  switch (point.kind) {
    case 'router':
      return (
        <rect
          x={x - 7}
          y={y - 7}
          width={14}
          height={14}
          rx={2}
          className="fill-brand-700 stroke-white dark:fill-brand-400 dark:stroke-zinc-900"
          strokeWidth={2}
        />
      );
    case 'odc':
      return (
        <path
          d={`M${x} ${y - 8}L${x + 8} ${y}L${x} ${y + 8}L${x - 8} ${y}Z`}
          className="fill-violet-600 stroke-white dark:stroke-zinc-900"
          strokeWidth={2}
        />
      );
    case 'odp':
      return (
        <path
          d={`M${x} ${y - 7}L${x + 7} ${y + 6}L${x - 7} ${y + 6}Z`}
          className="fill-sky-600 stroke-white dark:stroke-zinc-900"
          strokeWidth={1.5}
        />
      );
    default:
      return (
        <circle
          cx={x}
          cy={y}
          r={6}
          className={`${CUSTOMER_FILL[point.status ?? ''] ?? 'fill-zinc-400'} stroke-white dark:stroke-zinc-900`}
          strokeWidth={1.5}
        />
      );
  }
}

/** The label beside a hovered point, kept inside the map's right edge. */
export function HoverLabel({
  x,
  y,
  text,
  boxWidth,
  mapWidth,
}: {
  x: number;
  y: number;
  text: string;
  boxWidth: number;
  mapWidth: number;
}): React.JSX.Element {
  return (
    <g pointerEvents="none">
      <rect
        x={Math.min(x + 10, mapWidth - boxWidth - 10)}
        y={y - 30}
        width={boxWidth}
        height={24}
        rx={4}
        className="fill-zinc-900/90 dark:fill-zinc-100/90"
      />
      <text
        x={Math.min(x + 18, mapWidth - boxWidth - 2)}
        y={y - 13}
        className="fill-white text-[13px] font-medium dark:fill-zinc-900"
      >
        {text}
      </text>
    </g>
  );
}

/** Routers, ODPs and customers on a plain grid from their coordinates: no tiles, no internet. */
export function MapView({
  map,
  compact = false,
}: {
  map: TopologyMap;
  /** A smaller drawing, e.g. on a customer's page. */
  compact?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [hovered, setHovered] = useState<Point | null>(null);
  // One SVG unit per CSS pixel, so markers and labels keep their size on a phone.
  const frame = useRef<HTMLDivElement>(null);
  const [WIDTH, setWidth] = useState(DEFAULT_WIDTH);
  const empty = map.points.length === 0;
  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      if (width > 0) setWidth(width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [empty]);
  const HEIGHT = compact ? Math.min(288, mapHeight(WIDTH)) : mapHeight(WIDTH);
  if (empty) {
    return <EmptyState title={t('topology.emptyMap')} hint={t('topology.emptyMapHint')} />;
  }
  const proj = project(map.points, WIDTH, HEIGHT);
  // Longitude labels need about 70 px each; on a narrow screen label every other line or less.
  const [lon0, lon1] = proj.lonLines;
  const spacing = lon0 !== undefined && lon1 !== undefined ? proj.x(lon1) - proj.x(lon0) : 100;
  const lonLabelEvery = Math.max(1, Math.ceil(70 / spacing));
  const byId = new Map(map.points.map((p) => [p.id, p]));
  const order = { customer: 0, odp: 1, odc: 2, router: 3 } as const;
  const sorted = [...map.points].sort((a, b) => order[a.kind] - order[b.kind]);
  const open = (point: Point): void => {
    if (point.kind === 'customer') void navigate(`/customers/${point.id}`);
    else if (point.kind === 'router') void navigate(`/routers/${point.id}`);
  };

  return (
    <div className="space-y-2 p-3">
      {map.truncated && <Alert tone="warning">{t('topology.truncated')}</Alert>}
      <div ref={frame}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={t('topology.mapLabel')}
          data-testid="topology-map"
          className={cx(
            'block h-auto w-full rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950',
          )}
        >
          <g className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1}>
            {proj.lonLines
              .filter((_, index) => index % lonLabelEvery === 0)
              .map((lon) => (
                <line key={`lon${lon}`} x1={proj.x(lon)} x2={proj.x(lon)} y1={0} y2={HEIGHT} />
              ))}
            {proj.latLines.map((lat) => (
              <line key={`lat${lat}`} y1={proj.y(lat)} y2={proj.y(lat)} x1={0} x2={WIDTH} />
            ))}
          </g>
          <g className="fill-zinc-400 text-[11px]">
            {proj.lonLines
              .filter((_, index) => index % lonLabelEvery === 0)
              .map((lon) => (
                <text key={`tlon${lon}`} x={proj.x(lon) + 3} y={HEIGHT - 4}>
                  {lon}°
                </text>
              ))}
            {proj.latLines
              .filter((lat) => proj.y(lat) > 16)
              .map((lat) => (
                <text key={`tlat${lat}`} x={3} y={proj.y(lat) - 3}>
                  {lat}°
                </text>
              ))}
          </g>
          <g className="stroke-zinc-300 dark:stroke-zinc-700" strokeWidth={1}>
            {map.points.map((point) => {
              const parent = point.parentId ? byId.get(point.parentId) : undefined;
              if (!parent) return null;
              return (
                <line
                  key={`link${point.id}`}
                  x1={proj.x(point.longitude)}
                  y1={proj.y(point.latitude)}
                  x2={proj.x(parent.longitude)}
                  y2={proj.y(parent.latitude)}
                />
              );
            })}
          </g>
          {sorted.map((point) => {
            const x = proj.x(point.longitude);
            const y = proj.y(point.latitude);
            const clickable = point.kind === 'customer' || point.kind === 'router';
            return (
              <g
                key={`${point.kind}${point.id}`}
                data-kind={point.kind}
                data-name={point.name}
                tabIndex={clickable ? 0 : undefined}
                className={clickable ? 'cursor-pointer focus:outline-none' : undefined}
                onMouseEnter={() => setHovered(point)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => setHovered(point)}
                onBlur={() => setHovered(null)}
                onClick={() => open(point)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') open(point);
                }}
              >
                <title>{`${t(`topology.kinds.${point.kind}`)}: ${point.name}`}</title>
                <Marker point={point} x={x} y={y} />
                {point.kind !== 'customer' && (
                  <text
                    x={x + 11}
                    y={y + 4}
                    className="fill-zinc-700 text-[12px] font-medium dark:fill-zinc-300"
                  >
                    {point.name}
                  </text>
                )}
              </g>
            );
          })}
          {hovered && (
            <HoverLabel
              x={proj.x(hovered.longitude)}
              y={proj.y(hovered.latitude)}
              boxWidth={220}
              mapWidth={WIDTH}
              text={`${t(`topology.kinds.${hovered.kind}`)} · ${hovered.name}`.slice(0, 34)}
            />
          )}
        </svg>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-300">
        {(
          [
            ['router', 'size-2.5 rounded-[2px] bg-brand-700'],
            ['odc', 'size-2.5 rotate-45 bg-violet-600'],
            ['odp', 'size-2.5 bg-sky-600'],
            ['customer', 'size-2.5 rounded-full bg-emerald-500'],
          ] as const
        ).map(([kind, swatch]) => (
          <li key={kind} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block ${swatch}`} />
            {t(`topology.kinds.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
