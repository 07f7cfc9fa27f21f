/** Turns the safe Markdown tree into DOM nodes (textContent only; links go through the host). */
import type { Host } from './dom';
import { parseMarkdown, type Block, type Inline } from './markdown';

function inlineNodes(nodes: readonly Inline[], host: Host): Node[] {
  return nodes.map((node): Node => {
    switch (node.t) {
      case 'text':
        return document.createTextNode(node.text);
      case 'code': {
        const code = document.createElement('code');
        code.textContent = node.text;
        return code;
      }
      case 'strong':
      case 'em': {
        const element = document.createElement(node.t);
        element.append(...inlineNodes(node.children, host));
        return element;
      }
      case 'link': {
        // No href: the webview never navigates; the host opens http(s) URLs after validating them.
        const link = document.createElement('a');
        link.className = 'md-link';
        link.tabIndex = 0;
        link.setAttribute('role', 'link');
        link.title = node.href;
        link.append(...inlineNodes(node.children, host));
        const open = (): void => host.post({ type: 'openExternal', url: node.href });
        link.addEventListener('click', (event) => {
          event.preventDefault();
          open();
        });
        link.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') open();
        });
        return link;
      }
      case 'br':
        return document.createElement('br');
    }
  });
}

function blockNode(block: Block, host: Host): Node {
  switch (block.t) {
    case 'heading': {
      // Summary headings sit below the panel's own h2/h3.
      const element = document.createElement(`h${Math.min(6, block.level + 2)}` as 'h3');
      element.append(...inlineNodes(block.children, host));
      return element;
    }
    case 'paragraph': {
      const element = document.createElement('p');
      element.append(...inlineNodes(block.children, host));
      return element;
    }
    case 'list': {
      const element = document.createElement(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) {
        const li = document.createElement('li');
        li.append(...inlineNodes(item, host));
        element.append(li);
      }
      return element;
    }
    case 'code': {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = block.text;
      pre.append(code);
      return pre;
    }
    case 'quote': {
      const element = document.createElement('blockquote');
      element.append(...block.children.map((child) => blockNode(child, host)));
      return element;
    }
    case 'rule':
      return document.createElement('hr');
    case 'table': {
      const table = document.createElement('table');
      const row = (cells: readonly (readonly Inline[])[], tag: 'th' | 'td'): HTMLTableRowElement => {
        const tr = document.createElement('tr');
        cells.forEach((cell, index) => {
          const element = document.createElement(tag);
          const align = block.align[index];
          if (align !== undefined) element.style.textAlign = align;
          element.append(...inlineNodes(cell, host));
          tr.append(element);
        });
        return tr;
      };
      const head = document.createElement('thead');
      head.append(row(block.header, 'th'));
      const body = document.createElement('tbody');
      body.append(...block.rows.map((cells) => row(cells, 'td')));
      table.append(head, body);
      return table;
    }
  }
}

export function renderMarkdown(source: string, host: Host): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown';
  container.append(...parseMarkdown(source).map((block) => blockNode(block, host)));
  return container;
}
