/**
 * A scripted browser without a browser, for login-flow tests over HTTP: a cookie jar (name + path,
 * Max-Age=0 deletes) and manual redirects, so every hop can be inspected or tampered with.
 */
export class Browserless {
  readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  cookieHeader(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return [...this.cookies.values()].some((c) => c.name === name);
  }

  async request(href: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(href);
    const headers: Record<string, string> = { cookie: this.cookieHeader(url) };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const [name, ...value] = pair!.split('=');
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const deleted = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      const key = `${name}|${path}`;
      if (deleted) this.cookies.delete(key);
      else this.cookies.set(key, { name: name!, value: value.join('='), path });
    }
    return response;
  }

  /** Follows redirects while they stay on `origin`, answering the last response and its URL. */
  async follow(
    href: string | URL,
    init: { form?: Record<string, string> } = {},
  ): Promise<{ response: Response; url: URL }> {
    let url = new URL(href);
    let response = await this.request(url, init);
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 10; hops++) {
      url = new URL(response.headers.get('location')!, url);
      response = await this.request(url);
    }
    return { response, url };
  }
}

/** The sign-in form's action, read from the provider's page. */
export function formAction(html: string, suffix: 'login' | 'abort'): string {
  const match = new RegExp(`action="([^"]+/${suffix})"`).exec(html);
  if (!match) throw new Error(`no ${suffix} form on the page`);
  return match[1]!;
}

/** Text content of the element with `id` on a Medido page (tokens are plain base64url/JWT text). */
export function textOf(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** Runs a login up to the provider's answer, stopping before /auth/callback: the URL the provider sent back. */
export async function loginUntilCallback(
  browser: Browserless,
  baseUrl: string,
  login: string,
  password: string,
): Promise<URL> {
  const { response, url } = await browser.follow(`${baseUrl}/auth/login`);
  const action = new URL(formAction(await response.text(), 'login'), url);
  let next = await browser.request(action, { form: { login, password } });
  let at = action;
  for (let hops = 0; next.status >= 300 && next.status < 400 && hops < 10; hops++) {
    at = new URL(next.headers.get('location')!, at);
    if (at.pathname === '/auth/callback') return at;
    next = await browser.request(at);
  }
  throw new Error(`the provider did not send the browser back (last status ${next.status} at ${at.href})`);
}
