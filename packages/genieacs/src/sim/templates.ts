/**
 * What a new instance contains when AddObject creates one under a writable multi-instance
 * object (the simulator's stand-in for each vendor's defaults).
 */

const S = 'xsd:string';
const B = 'xsd:boolean';

/** A child node of a new instance made by AddObject, relative to the instance. */
export interface TemplateNode {
  readonly path: string;
  readonly object: boolean;
  readonly type: string;
  readonly value: string | number | boolean | undefined;
  readonly writable: boolean;
  readonly secret?: boolean;
}

const o = (path: string, writable = true): TemplateNode => ({
  path,
  object: true,
  type: '',
  value: undefined,
  writable,
});
const l = (
  path: string,
  type: string,
  value: string | number | boolean,
  writable = true,
  secret = false,
): TemplateNode => ({ path, object: false, type, value, writable, secret });

/** What a new instance of a writable multi-instance object contains, by pattern. */
const TEMPLATES: ReadonlyArray<readonly [RegExp, readonly TemplateNode[]]> = [
  [
    /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice$/,
    [o('WANPPPConnection'), o('WANIPConnection')],
  ],
  [
    /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice\.\d+\.WANPPPConnection$/,
    [
      l('Enable', B, false),
      l('ConnectionType', S, 'IP_Routed'),
      l('ConnectionStatus', S, 'Unconfigured', false),
      l('Username', S, ''),
      l('Password', S, '', true, true),
      l('ExternalIPAddress', S, '', false),
    ],
  ],
  [
    /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice\.\d+\.WANIPConnection$/,
    [l('Enable', B, false), l('AddressingType', S, 'DHCP'), l('ExternalIPAddress', S, '', false)],
  ],
  [
    /^Device\.PPP\.Interface$/,
    [
      l('Enable', B, false),
      l('ConnectionStatus', S, 'Unconfigured', false),
      l('Username', S, ''),
      l('Password', S, '', true, true),
    ],
  ],
  [
    /^Device\.IP\.Interface$/,
    [l('Enable', B, false), l('Name', S, '', false), l('LowerLayers', S, ''), o('IPv4Address')],
  ],
  [/^Device\.IP\.Interface\.\d+\.IPv4Address$/, [l('IPAddress', S, ''), l('SubnetMask', S, '')]],
];

/** Children of a new instance under the multi-instance object at `collection`. */
export function instanceTemplate(collection: string): readonly TemplateNode[] {
  for (const [pattern, nodes] of TEMPLATES) if (pattern.test(collection)) return nodes;
  return [];
}
