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
