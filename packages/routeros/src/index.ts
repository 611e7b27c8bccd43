/**
 * RouterOS API and REST client: pipelined binary API connections, a reconnecting client, a
 * per-router pool with circuit breaker and metrics hooks, typed menu helpers and codecs.
 */
export { Connection } from './connection.ts';
export type { ConnectionOptions } from './connection.ts';
export { RouterOSClient, parseAddress } from './client.ts';
export type { Address, ClientOptions, ClientState } from './client.ts';
export { RouterPool, PoolRegistry } from './pool.ts';
export type { RouterPoolOptions } from './pool.ts';
export { RestTransport } from './rest.ts';
export type { RestOptions } from './rest.ts';
export { CircuitBreaker } from './breaker.ts';
export type { BreakerOptions } from './breaker.ts';
export { backoffDelay } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { MetricsRecorder, LATENCY_BUCKETS_SECONDS } from './observer.ts';
export type {
  BreakerEvent,
  BreakerState,
  CommandEvent,
  ConnectEvent,
  DisconnectEvent,
  MetricsSnapshot,
  RouterOSObserver,
} from './observer.ts';
export { commandWords, isReadOnly, toCommand } from './command.ts';
export type { Command, ExecOptions, Result, Transport } from './command.ts';
export type { CommandStream } from './stream.ts';
export { q, compileQuery, toQuery, formatScalar } from './query.ts';
export type { BoolStyle } from './query.ts';
export type { Query, Scalar, Where } from './query.ts';
export type { Row, Reply } from './reply.ts';
export { parseReply } from './reply.ts';
export {
  BreakerOpenError,
  CancelledError,
  ConnectionError,
  FatalError,
  LoginError,
  RestError,
  RouterOSError,
  TimeoutError,
  TrapError,
  TRAP_CATEGORIES,
} from './errors.ts';
export { challengeResponse } from './login.ts';
export { ANONYMOUS_CIPHERS, normaliseFingerprint } from './socket.ts';
export type { TlsMode } from './socket.ts';
export {
  encodeLength,
  readLength,
  writeLength,
  lengthPrefixSize,
  ProtocolError,
} from './codec/length.ts';
export { SentenceParser } from './codec/parser.ts';
export type { ParserLimits } from './codec/parser.ts';
export { encodeSentence } from './codec/sentence.ts';
export { getCodepage } from './codec/codepage.ts';
export type { Codepage, CodepageName } from './codec/codepage.ts';
export { parseRateLimit, formatRateLimit, parseRate, formatRate, downUp } from './ratelimit.ts';
export type { RateLimit } from './ratelimit.ts';
export { Menu, kebab } from './helpers/menu.ts';
export type { Entity, FieldKind, FieldSpec, Input } from './helpers/menu.ts';
export {
  routerMenus,
  PPP_SECRET,
  PPP_PROFILE,
  PPP_ACTIVE,
  HOTSPOT_USER,
  HOTSPOT_PROFILE,
  HOTSPOT_ACTIVE,
  SIMPLE_QUEUE,
  INTERFACE,
  ADDRESS_LIST,
  IP_POOL,
} from './helpers/menus.ts';
export type {
  RouterMenus,
  SystemResource,
  TrafficSample,
  PppSecret,
  PppProfile,
  PppActive,
  HotspotUser,
  SimpleQueue,
  RouterInterface,
  AddressListEntry,
} from './helpers/menus.ts';
export { redactAttributes, SECRET_KEYS } from './redact.ts';
