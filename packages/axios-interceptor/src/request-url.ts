import type { InternalAxiosRequestConfig } from 'axios';

const absoluteUrl = /^[a-z][a-z\d+\-.]*:\/\//i;

/**
 * The absolute URL axios will call, as far as the engine needs it (host and path).
 * Mirrors axios's own `baseURL` joining so host matching and operation names see what goes on the wire.
 */
export function fullUrlOf(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  const base = config.baseURL;
  if (!base || (absoluteUrl.test(url) && config.allowAbsoluteUrls !== false)) return url;
  if (url === '') return base;
  // The common case joins without a regex: one slash on either side at most.
  const left = base.endsWith('/') ? base.replace(/\/+$/, '') : base;
  const right = url.startsWith('/') ? url.replace(/^\/+/, '') : url;
  return `${left}/${right}`;
}

/** Lower-cased host name of `url`, or null when it has none (a relative URL without `baseURL`). */
export function hostnameOf(url: string): string | null {
  if (!absoluteUrl.test(url)) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
