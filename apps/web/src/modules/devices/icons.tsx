import { Icon, type IconProps } from '../../components/icons.tsx';

/** A modem with two antennas: customer devices (ONTs). */
export function ModemIcon(props: IconProps): React.JSX.Element {
  return (
    <Icon {...props}>
      <rect x="3" y="13" width="18" height="7" rx="1.5" />
      <path d="M7 13 5 5M17 13l2-8M7 16.5h.01M10.5 16.5h.01" />
    </Icon>
  );
}

/** WiFi waves. */
export function WifiIcon(props: IconProps): React.JSX.Element {
  return (
    <Icon {...props}>
      <path d="M2 8.8a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0" />
      <path d="M12 19.5h.01" strokeWidth={2.5} />
    </Icon>
  );
}

/** A server rack: the ACS servers. */
export function ServerIcon(props: IconProps): React.JSX.Element {
  return (
    <Icon {...props}>
      <rect x="3" y="4" width="18" height="7" rx="1.5" />
      <rect x="3" y="13" width="18" height="7" rx="1.5" />
      <path d="M7 7.5h.01M7 16.5h.01" strokeWidth={2.5} />
    </Icon>
  );
}

export function EyeIcon(props: IconProps): React.JSX.Element {
  return (
    <Icon {...props}>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </Icon>
  );
}

export function EyeOffIcon(props: IconProps): React.JSX.Element {
  return (
    <Icon {...props}>
      <path d="M10.6 5.1A9.8 9.8 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-2.2 3.1M6.6 6.6C3.8 8.4 2 12 2 12s3.6 7 10 7a9.7 9.7 0 0 0 5.4-1.6" />
      <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2M3 3l18 18" />
    </Icon>
  );
}
