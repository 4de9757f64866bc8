import { createRequire } from 'node:module';
import type { AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { AxiosHeaders, getAdapter } from 'axios';

type GetAdapter = typeof getAdapter;
type AxiosBuild = { readonly AxiosHeaders: unknown; readonly getAdapter: GetAdapter };
type Constructor = abstract new (...args: never[]) => unknown;

let commonJs: AxiosBuild | null | undefined;

/** axios's CommonJS build, loaded only once a request shows it is in use. */
function commonJsBuild(): AxiosBuild | null {
  if (commonJs === undefined) {
    try {
      commonJs = createRequire(import.meta.url)('axios') as AxiosBuild;
    } catch {
      commonJs = null;
    }
  }
  return commonJs;
}

/**
 * axios's own adapter for `setting`, taken from the build (ESM or CommonJS) that made this request's config.
 * axios ships both builds, and a CommonJS application's instance comes from the second: its headers are that
 * build's AxiosHeaders, which the ESM build's http adapter does not recognise and would drop (Authorization
 * included). The ESM build, imported here, is the common case and costs one instanceof.
 */
export function adapterFor(
  setting: AxiosRequestConfig['adapter'],
  config: InternalAxiosRequestConfig,
): ReturnType<GetAdapter> {
  const headers: unknown = config.headers;
  if (!(headers instanceof AxiosHeaders)) {
    const build = commonJsBuild();
    if (typeof build?.AxiosHeaders === 'function' && headers instanceof (build.AxiosHeaders as Constructor)) {
      return build.getAdapter(setting, config);
    }
  }
  return getAdapter(setting, config);
}
