import type { CreateUser, LoginResponse, User } from '@jaring/contracts';
import { BASE_URL } from './env.ts';

/** A tiny cookie-session API client for setting up journey data. */
export class ApiSession {
  private cookie = '';
  private csrf = '';

  static async login(email: string, password: string): Promise<ApiSession> {
    const session = new ApiSession();
    const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as LoginResponse;
    session.csrf = body.csrfToken;
    session.cookie = response.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; ');
    return session;
  }

  /** Any JSON call under /api/v1; a non-2xx answer throws with its body. */
  async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async createUser(user: CreateUser): Promise<User> {
    const response = await fetch(`${BASE_URL}/api/v1/users`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
      },
      body: JSON.stringify(user),
    });
    if (response.status !== 201) {
      throw new Error(`create user failed: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as User;
  }
}

/** Status of GET /api/v1/me with a bearer token. */
export async function meStatusWithToken(token: string): Promise<number> {
  const response = await fetch(`${BASE_URL}/api/v1/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status;
}

/** Status of a login attempt, for driving failed-login counters. */
export async function loginStatus(email: string, password: string): Promise<number> {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await response.body?.cancel();
  return response.status;
}

/** What the billing journey needs to set up: a router, a plan, a customer with a subscription. */
export interface BillingFixture {
  routerId: string;
  planId: string;
  customerId: string;
  customerNumber: string;
  subscriptionId: string;
}

export interface SubscriberSetup {
  router: { name: string; host: string; port: number; username: string; password: string };
  plan: { name: string; price: string; downloadKbps: number; uploadKbps: number };
  customer: { name: string; phone: string; portalPassword: string };
  username: string;
  /** Billing terms of the subscription (billingAnchor, billingMode, ...). */
  billing?: Record<string, unknown>;
}

/** Creates (through the API, as the journey's staff user) what a billing journey needs. */
export async function createSubscriber(
  session: ApiSession,
  setup: SubscriberSetup,
): Promise<BillingFixture> {
  const router = await session.call<{ id: string }>('POST', '/routers', {
    name: setup.router.name,
    addresses: [setup.router.host],
    port: setup.router.port,
    transport: 'api',
    username: setup.router.username,
    password: setup.router.password,
    verify: true,
  });
  const plan = await session.call<{ id: string }>('POST', '/plans', {
    name: setup.plan.name,
    type: 'pppoe',
    downloadKbps: setup.plan.downloadKbps,
    uploadKbps: setup.plan.uploadKbps,
    price: setup.plan.price,
    routerIds: [router.id],
  });
  const customer = await session.call<{ id: string; number: string }>('POST', '/customers', {
    name: setup.customer.name,
    phone: setup.customer.phone,
    portalPassword: setup.customer.portalPassword,
  });
  const subscription = await session.call<{ id: string }>('POST', '/subscriptions', {
    customerId: customer.id,
    planId: plan.id,
    routerId: router.id,
    username: setup.username,
    ...setup.billing,
  });
  return {
    routerId: router.id,
    planId: plan.id,
    customerId: customer.id,
    customerNumber: customer.number,
    subscriptionId: subscription.id,
  };
}
