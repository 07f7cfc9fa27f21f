/**
 * A link the webview never follows itself: no href (so nothing can navigate the webview), and a
 * click or Enter asks the host to open the URL, which it validates again (validate.ts).
 */
import type { Host } from './dom';

export function hostLink(href: string, children: readonly Node[], host: Host): HTMLAnchorElement {
  const link = document.createElement('a');
  link.className = 'md-link';
  link.tabIndex = 0;
  link.setAttribute('role', 'link');
  link.title = href;
  link.append(...children);
  const open = (): void => host.post({ type: 'openExternal', url: href });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    open();
  });
  link.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') open();
  });
  return link;
}
