import { h, link, replace } from '../dom.ts';
import type { PageContext } from '../main.ts';

export async function renderNotFound(ctx: PageContext, path: string): Promise<void> {
  ctx.title('Not found');
  replace(
    ctx.main,
    h('h1', null, 'Page not found'),
    h('p', null, 'There is no page at ', h('code', null, path), '. Try the ', link('/search', 'search'), '.'),
  );
}
