// The shell: header with navigation and the search box, a router over the History API, and focus
// management so that keyboard and screen-reader users land on the new page's heading.
import './style.css';
import { h, replace } from './dom.ts';
import { renderHome } from './pages/home.ts';
import { renderInstitution, renderInstitutions } from './pages/institution.ts';
import { renderNotFound } from './pages/not-found.ts';
import { renderPeople, renderPerson } from './pages/person.ts';
import { renderSearch } from './pages/search.ts';
import { renderSimulation } from './pages/simulation.ts';
import { renderSources } from './pages/sources.ts';
import { renderState } from './pages/state.ts';
import { renderStatistics } from './pages/statistics.ts';
import { renderTimeline } from './pages/timeline.ts';
import { parseRoute, type Route } from './routes.ts';

export interface PageContext {
  main: HTMLElement;
  signal: AbortSignal;
  /** Sets document.title (the site name is appended). */
  title(t: string): void;
  /** Navigates inside the app. `replace` rewrites the current history entry (typing, sliders). */
  navigate(url: string, opts?: { replace?: boolean }): void;
}

const SITE = 'opis explorer';
const NAV: [string, string][] = [
  ['/search', 'Search'],
  ['/state/1937-03-01', 'System on a date'],
  ['/people', 'People'],
  ['/institutions', 'Institutions'],
  ['/timeline', 'Timeline'],
  ['/statistics', 'Statistics'],
  ['/sources', 'Sources'],
  ['/simulation', 'Simulation'],
];

const searchInput = h('input', {
  type: 'search',
  id: 'q',
  name: 'q',
  autocomplete: 'off',
  spellcheck: 'false',
  placeholder: 'Ezhov, Ежов, NKVD…',
});
const main = h('main', { id: 'main', tabindex: -1 });
const nav = h(
  'nav',
  { 'aria-label': 'Main' },
  h(
    'ul',
    null,
    NAV.map(([href, label]) => h('li', null, h('a', { href, class: 'nav-link' }, label))),
  ),
);

document.body.replaceChildren(
  h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
  h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '/' }, 'opis', h('span', { class: 'brand-sub' }, ' explorer')),
      h(
        'form',
        { role: 'search', action: '/search', class: 'search-form' },
        h('label', { for: 'q', class: 'visually-hidden' }, 'Search people, institutions and events'),
        searchInput,
        h('button', { type: 'submit' }, 'Search'),
      ),
    ),
    nav,
  ),
  main,
  h(
    'footer',
    { class: 'site-footer' },
    h(
      'p',
      null,
      'Facts and figures from J. Arch Getty and Oleg V. Naumov, ',
      h('cite', null, 'The Road to Terror'),
      ' (2010), and the archival files it cites. Every fact shown carries its source.',
    ),
  ),
);

let controller: AbortController | undefined;
let lastPage = '';
const LIVE_PAGES = new Set(['search', 'state', 'timeline']);

function navigate(url: string, opts: { replace?: boolean } = {}): Promise<void> {
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render();
}

/** The path and query of the page being shown (or loading). */
let renderedUrl = '';

async function render(): Promise<void> {
  renderedUrl = location.pathname + location.search;
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const route = parseRoute(location.pathname, location.search);
  // Pages that update in place (typing, a slider, filters) keep their controls and the focus.
  const samePage = route.page === lastPage && LIVE_PAGES.has(route.page);
  const first = lastPage === '';
  lastPage = route.page;
  for (const a of nav.querySelectorAll('a')) {
    const top = a.getAttribute('href')?.split('/')[1];
    if (
      top &&
      location.pathname
        .split('/')[1]
        ?.replace(/^person$/, 'people')
        .replace(/^institution$/, 'institutions') === top
    )
      a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (route.page === 'search' && document.activeElement !== searchInput) searchInput.value = route.q;
  const ctx: PageContext = {
    main,
    signal,
    title: (t) => {
      document.title = t ? `${t} · ${SITE}` : SITE;
    },
    navigate,
  };
  if (!samePage) replace(main);
  try {
    await dispatch(route, ctx);
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  }
  const target =
    location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && !signal.aborted) {
    target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'center' });
    return;
  }
  // Move focus to the new page (not on the first load, nor when the user is typing in a field
  // of the same page).
  if (!first && !samePage && document.activeElement !== searchInput && !signal.aborted) {
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }
}

function dispatch(route: Route, ctx: PageContext): Promise<void> {
  switch (route.page) {
    case 'home':
      return renderHome(ctx);
    case 'search':
      return renderSearch(ctx, route.q);
    case 'person':
      return renderPerson(ctx, route.id);
    case 'people':
      return renderPeople(ctx);
    case 'state':
      return renderState(ctx, route.date);
    case 'institution':
      return renderInstitution(ctx, route.id);
    case 'institutions':
      return renderInstitutions(ctx);
    case 'timeline':
      return renderTimeline(ctx, route.filters);
    case 'statistics':
      return renderStatistics(ctx, route.id);
    case 'sources':
      return renderSources(ctx, route.key);
    case 'simulation':
      return renderSimulation(ctx, route.settings);
    case 'not-found':
      return renderNotFound(ctx, route.path);
  }
}

// Internal links: same origin, plain left click without modifier keys, no target, no download.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  e.preventDefault();
  void navigate(url.pathname + url.search + url.hash);
});

// A move to a fragment of the same page (the skip link, a jump link) also fires popstate; it
// must not start a second render of the page while the first is still loading.
window.addEventListener('popstate', () => {
  if (location.pathname + location.search === renderedUrl) return;
  void render();
});

// Search as you type: the results page follows the box; the URL keeps the query for reloads.
let typing: ReturnType<typeof setTimeout> | undefined;
searchInput.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    const q = searchInput.value.trim();
    const url = q ? `/search?q=${encodeURIComponent(q)}` : '/search';
    navigate(url, { replace: location.pathname === '/search' });
  }, 150);
});
searchInput.form?.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(typing);
  const q = searchInput.value.trim();
  // Enter takes the keyboard user to the results list.
  void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search', {
    replace: location.pathname === '/search',
  }).then(() => main.querySelector<HTMLElement>('.results a')?.focus());
});

void render();
