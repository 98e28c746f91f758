import { isConcrete } from '../model/values.js';
import { hasInstalledApp, hasMiddleware } from './django-checks.js';
export const ADMIN_APPS = ['django.contrib.admin', 'django.contrib.admin.apps.AdminConfig', 'django.contrib.admin.apps.SimpleAdminConfig'];
// Apps that lock out or throttle repeated failed logins, admin included (old names too).
const PROTECTION_APPS = ['axes', 'axes.apps.AppConfig', 'defender', 'django_ratelimit', 'ratelimit'];
const PROTECTION_MIDDLEWARE = [
    'axes.middleware.AxesMiddleware',
    'defender.middleware.FailedLoginMiddleware',
    'django_ratelimit.middleware.RatelimitMiddleware',
    'ratelimit.middleware.RatelimitMiddleware',
];
/** django.contrib.admin is certainly installed. */
export function adminInstalled(ctx) {
    return ADMIN_APPS.some((app) => hasInstalledApp(ctx, app) === true);
}
/** No login throttling app or middleware, certainly (an unknown INSTALLED_APPS may hold one). */
export function noBruteForceProtection(ctx) {
    return PROTECTION_APPS.every((app) => hasInstalledApp(ctx, app) === false) && PROTECTION_MIDDLEWARE.every((m) => hasMiddleware(ctx, m) === false);
}
/**
 * The admin login page's path: `/admin/login/`, or under the `ADMIN_URL` setting the project
 * defines (cookiecutter-django's convention, read by its urls.py). Undefined when ADMIN_URL is set
 * but not known (an environment variable without a default): then no path is assumed.
 */
export function adminLoginPath(ctx) {
    const setting = ctx.get('ADMIN_URL');
    if (setting === undefined)
        return '/admin/login/';
    if (!isConcrete(setting) || typeof setting.py !== 'string')
        return undefined;
    const trimmed = setting.py.replace(/^\/+|\/+$/g, '');
    return trimmed ? `/${trimmed}/login/` : '/login/';
}
