/** A small inline SVG icon set (stroke icons on a 24×24 grid); no icon font or library. */
const paths = {
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  siren: 'M7 18v-6a5 5 0 0 1 10 0v6M5 21h14M5 18h14M12 3v2M4.2 6.2l1.4 1.4M19.8 6.2l-1.4 1.4',
  megaphone: 'M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1M15 8a5 5 0 0 1 0 8M18 5a9 9 0 0 1 0 14',
  briefcase: 'M4 8h16v11H4zM9 8V5h6v3M4 13h16',
  basket: 'M4 10h16l-1.8 9H5.8zM8 10l4-6 4 6M9.5 14v2M14.5 14v2',
  news: 'M4 5h13v14H6a2 2 0 0 1-2-2zM17 9h3v8a2 2 0 0 1-2 2M8 9h5M8 13h5',
  file: 'M7 3h7l5 5v13H7zM14 3v5h5M10 14l2 2 4-4',
  ticket: 'M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4zM14 7v10',
  map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  monitor: 'M3 4h18v12H3zM8 20h8M12 16v4',
  grid: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8M4 21a8 8 0 0 1 16 0',
  users:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M2 20a7 7 0 0 1 14 0M16 4a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 4 6',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18',
  logout: 'M14 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-3M10 12h11M18 9l3 3-3 3',
  home: 'M4 11l8-7 8 7M6 9.5V20h12V9.5',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
  settings: 'M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4',
  building: 'M4 21V5l8-3v19M12 8h8v13M3 21h18M8 8v.01M8 12v.01M8 16v.01M16 12v.01M16 16v.01',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  wifiOff:
    'M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 5-2.7M19 13a10 10 0 0 0-2.5-1.9M2 9.5a15 15 0 0 1 4-2.6M22 9.5A15 15 0 0 0 11 5M12 20h.01',
  health: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10zM8 12h2l1-2 2 4 1-2h2',
  school: 'M2 9l10-5 10 5-10 5zM6 11v5c3 2 9 2 12 0v-5',
  chart: 'M4 20V4M4 20h16M8 16v-4M12 16V8M16 16v-6',
  menu: 'M4 6h16M4 12h16M4 18h16',
  chevron: 'M9 6l6 6-6 6',
  back: 'M15 6l-6 6 6 6',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  pulse: 'M3 12h4l3-8 4 16 3-8h4',
  bell: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 21h4',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M12 7v5l3 2',
} as const;

export type IconName = keyof typeof paths;

const aliases: Record<string, IconName> = {
  'nomor-penting': 'phone',
  call: 'phone',
  telephone: 'phone',
  '112': 'siren',
  emergency: 'siren',
  alert: 'siren',
  darurat: 'siren',
  laksa: 'megaphone',
  report: 'megaphone',
  complaint: 'megaphone',
  job: 'briefcase',
  jobs: 'briefcase',
  'siap-kerja': 'briefcase',
  'harga-pangan': 'basket',
  price: 'basket',
  market: 'basket',
  cart: 'basket',
  'info-kota': 'news',
  newspaper: 'news',
  perizinan: 'file',
  permit: 'file',
  document: 'file',
  antrian: 'ticket',
  queue: 'ticket',
  'data-peta': 'map',
  eoffice: 'mail',
  'live-room': 'monitor',
  live: 'monitor',
  dashboard: 'monitor',
};

export function resolveIcon(name: string | null | undefined): IconName {
  if (!name) return 'grid';
  if (name in paths) return name as IconName;
  return aliases[name] ?? 'grid';
}

export function Icon({
  name,
  size = 24,
  className,
}: {
  name: IconName | string;
  size?: number;
  className?: string;
}) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[resolveIcon(name)]} />
    </svg>
  );
}
