// The dashboard's entry: hash routing between the four pages, focus moved to each page's heading.
import { h } from './dom.ts';
import { parseRoute } from './routes.ts';
import { leaderboardPage } from './pages/leaderboard.ts';
import { detailPage } from './pages/detail.ts';
import { comparePage } from './pages/compare.ts';
import { analysePage } from './pages/analyse.ts';

const main = document.getElementById('main') as HTMLElement;
let navigations = 0;

/** Render the page the hash names; after the first load, focus its heading (for keyboard and screen readers). */
async function route(): Promise<void> {
  const r = parseRoute(location.hash);
  const nav = r.page === 'benchmark' ? 'leaderboard' : r.page;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset.page === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  try {
    if (r.page === 'leaderboard') await leaderboardPage(main);
    else if (r.page === 'benchmark') await detailPage(main, r.benchmark as string, r.params.get('run'));
    else if (r.page === 'compare') await comparePage(main, r.params);
    else if (r.page === 'analyse') analysePage(main);
    else main.append(h('h2', { tabindex: -1 }, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the leaderboard')));
  } catch (error) {
    main.append(h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${error instanceof Error ? error.message : String(error)}`));
  }
  main.removeAttribute('aria-busy');
  const heading = main.querySelector('h2');
  document.title = `${heading?.textContent ?? 'Attune'} · Attune`;
  if (navigations++ > 0) heading?.focus();
}

document.getElementById('skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  (main.querySelector('h2') ?? main).focus();
});
window.addEventListener('hashchange', () => void route());
void route();
