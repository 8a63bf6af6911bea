/** Security headers sent with every answer. */

/**
 * The web app: everything from this origin only. Styles allow 'unsafe-inline' because
 * Observable Plot puts a `<style>` element inside each chart it draws; scripts stay 'self'.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON answers are never rendered as a document: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const common: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export const apiHeaders: Record<string, string> = { ...common, 'Content-Security-Policy': API_CSP };
export const appHeaders: Record<string, string> = { ...common, 'Content-Security-Policy': APP_CSP };
